"""Properties of the alignment over random versions of a random story."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.core.align import compare, normalize
from newsreader.core.model import Article

WORDS = (
    "council harbour fire police minister river bridge storm school vote budget court "
    "report crowd mayor road train hospital market farmers union strike water power "
    "closed opened said warned agreed rejected announced delayed praised blamed"
).split()

sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(
    lambda ws: " ".join(ws).capitalize() + "."
)


@st.composite
def stories(draw: st.DrawFn) -> list[Article]:
    pool = draw(st.lists(sentence, min_size=1, max_size=10))
    n = draw(st.integers(min_value=1, max_value=5))
    versions = []
    for _ in range(n):
        picks = draw(st.lists(st.sampled_from(pool), max_size=10))
        body = "\n\n".join(picks)
        spans: tuple[tuple[int, int], ...] = ()
        if picks and draw(st.booleans()):
            spans = ((0, len(picks[0])),)
        versions.append(Article(title="t", body=body, boilerplate=spans))
    return versions


@settings(max_examples=60, deadline=None)
@given(stories())
def test_every_sentence_lands_in_exactly_one_well_formed_group(articles: list[Article]) -> None:
    c = compare(articles)
    members = [(v, i) for g in c.groups for v, i in g.members]
    assert len(members) == len(set(members))
    expected = {(v.id, s.index) for v in c.versions for s in v.sentences if not s.boilerplate}
    assert set(members) == expected
    for gid, g in enumerate(c.groups):
        assert g.id == gid
        assert g.coverage == len({v for v, _ in g.members})
        assert 1 <= g.independent_coverage <= g.coverage
        assert (g.kind == "unique") == (g.coverage == 1)
        for vid in {v for v, _ in g.members}:
            own = sorted(i for v, i in g.members if v == vid)
            texts = {normalize(c.versions[vid].sentences[i].text) for i in own}
            consecutive = len(own) == 2 and own[1] == own[0] + 1
            assert len(own) == 1 or consecutive or len(texts) == 1
            for i in own:
                assert c.versions[vid].groups[i] == gid
    firsts = [min(g.members) for g in c.groups]
    assert firsts == sorted(firsts)
