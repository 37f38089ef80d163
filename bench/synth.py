"""Synthetic news: N stories with several versions each, deterministic from a seed.

Used by the grouping benchmark and evaluation and reusable by any benchmark that needs many
articles or many versions of one story. Names, places and outlets are invented from syllables,
so nothing here is real.

Each story is one event (a protest, a storm, a court ruling, ...) in a *topic*: a country with
its leader, capital and opposition. Several stories share a topic on different days, which makes
them hard to tell apart, as two days of protests in one country are. Versions of a story are:

* ``wire``: the agency copy;
* ``rewrite``: an outlet's own version: another headline, every fact in its own words and
  reordered, one sometimes left out, a number given differently, a name sometimes
  transliterated differently, and a sentence or two of context about the country (which the
  other stories of the topic may share);
* ``revision``: an outlet's update of its earlier version (a sentence added or edited);
* ``repost``: an aggregator's copy with junk lines, including headlines of unrelated stories.

Use::

    from synth import generate
    for item in generate(1000, seed=7):
        item.article, item.story, item.kind
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from newsreader.core.model import Article

_SYL = (
    "ka ro va len mi dor sa bel tu ran ko vi ash ne ter pol zan gri mo fa lu den sor ta "
    "vel kra ni bo har sel ma dru ost vin pe ga lo rek sun bar ti mer ul ja nov hel dra"
).split()
_FIRST = (
    "Anna Boris Clara Daniel Elena Farid Greta Hugo Irina Jonas Karim Lena Marco Nadia Oskar "
    "Petra Rafael Sofia Tomas Ulla Viktor Wanda Yusuf Zara Amir Bianca Carlos Dina Emil Fatima "
    "Gustav Hana Ivan Julia Kofi Leila Milan Nora Omar Pavel"
).split()
_OUTLETS = (
    "Daily Courier|Morning Ledger|Evening Standard Post|Capital Times|Northern Herald|"
    "Global Dispatch|City Observer|Harbour Gazette|Valley News|Coastal Tribune|Metro Daily|"
    "National Record|World Bulletin|Frontier Journal|Union Chronicle"
).split("|")
_WIRES = ("Wire Press", "United Newswire", "Continental Agency")
_AGGREGATORS = ("newsfeedhub.example", "dailyclips.example", "topstories.example")
_JUNK = (
    "Search",
    "Share this:",
    "Advertisement",
    "Subscribe to our newsletter",
    "Comments are closed.",
    "Read more:",
    "Related Topics",
    "Photo: file image",
    "Follow us on social media",
)


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYL) for _ in range(parts)).capitalize()


@dataclass(frozen=True, slots=True)
class Topic:
    country: str
    capital: str
    leader: str
    opposition: str
    ministry: str
    cities: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SynthArticle:
    """One generated version: the article, the story it belongs to and how it was made."""

    article: Article
    story: int
    kind: str


def _topic(rng: random.Random) -> Topic:
    country = _word(rng, 2) + rng.choice(("ia", "land", "stan", "ova", "ania"))
    return Topic(
        country=country,
        capital=_word(rng, 2) + rng.choice(("grad", "ton", "burg", "polis", "a", "")),
        leader=f"{rng.choice(_FIRST)} {_word(rng, 3)}",
        opposition=f"{rng.choice(_FIRST)} {_word(rng, 3)}",
        ministry=rng.choice(("Interior", "Defence", "Health", "Finance", "Energy")) + " Ministry",
        cities=tuple(
            _word(rng, 2) + rng.choice(("sk", "ovo", "port", "field", "")) for _ in range(4)
        ),
    )


# Event kinds: headline templates and, per fact, paraphrases. Fields in braces come from the
# story's facts; every kind uses the topic's names plus two or three of the story's own.
_KINDS: dict[str, dict[str, tuple[str, ...]]] = {
    "protest": {
        "head": (
            "{country} protests: thousands rally in {city} against {leader}",
            "Police detain {detained} as {country} protesters march in {city}",
            "{opposition} supporters flood {city} streets to demand {leader} resign",
            "Mass rally in {city} as anger at {leader} grows",
        ),
        "f1": (
            "Tens of thousands of people marched through {city} on {weekday} to demand that "
            "{leader} step down.",
            "At least {crowd} protesters filled the streets of {city} on {weekday}, calling on "
            "{leader} to resign.",
            "An estimated {crowd} people rallied in {city} on {weekday} against the rule of "
            "{leader}.",
        ),
        "f2": (
            "The {ministry} said {detained} people were detained.",
            "Police detained about {detained} demonstrators, the {ministry} said.",
            "More than {detained} arrests were reported by the {ministry}.",
        ),
        "f3": (
            "Opposition leader {opposition} called the march a turning point.",
            "{opposition}, who leads the opposition, urged supporters to keep up the pressure.",
        ),
        "f4": (
            "Witnesses said riot police used {weapon} near {place} square.",
            "Officers fired {weapon} at crowds gathered near {place} square, witnesses said.",
        ),
    },
    "storm": {
        "head": (
            "Storm {storm} kills {dead} in {country}",
            "{dead} dead as Storm {storm} batters {city}",
            "Storm {storm}: {country} counts cost after floods hit {city}",
        ),
        "f1": (
            "Storm {storm} killed at least {dead} people in {country} on {weekday}, "
            "officials said.",
            "At least {dead} people died when Storm {storm} swept across {country} on {weekday}.",
        ),
        "f2": (
            "Floods cut power to {homes} homes around {city}.",
            "Around {homes} households in and near {city} were left without electricity.",
        ),
        "f3": (
            "{leader} declared a state of emergency in {place} province.",
            "A state of emergency was declared in {place} province by {leader}.",
        ),
        "f4": (
            "Rescue teams from {org} searched for {missing} people still missing.",
            "{missing} people remain missing, according to {org}.",
        ),
    },
    "court": {
        "head": (
            "{country} court jails {defendant} for {jail} years",
            "{defendant} sentenced to {jail} years in {city} trial",
            "Court in {city} convicts {defendant} of fraud",
        ),
        "f1": (
            "A court in {city} on {weekday} sentenced {defendant} to {jail} years in prison.",
            "{defendant} was jailed for {jail} years by a court in {city} on {weekday}.",
        ),
        "f2": (
            "Prosecutors said {defendant} had diverted {money} million from {org}.",
            "The court found that {money} million had been taken from {org}.",
        ),
        "f3": (
            "Supporters of {opposition} said the trial was political.",
            "{opposition} called the verdict an attack on critics of {leader}.",
        ),
        "f4": (
            "Lawyers for {defendant} said they would appeal.",
            "The defence team of {defendant} plans an appeal, its lawyers said.",
        ),
    },
    "deal": {
        "head": (
            "{org} agrees {money} million takeover of {org2}",
            "{org2} sold to {org} in {money} million deal",
            "{org} to buy {org2}, {country} regulator to review",
        ),
        "f1": (
            "{org} has agreed to buy {org2} for {money} million, the companies said on {weekday}.",
            "The {money} million purchase of {org2} by {org} was announced on {weekday}.",
        ),
        "f2": (
            "The deal still needs approval from regulators in {country}.",
            "Regulators in {country} must still approve the takeover.",
        ),
        "f3": (
            "{org2} employs about {staff} people, most of them in {city}.",
            "Most of the {staff} staff of {org2} work in {city}.",
        ),
        "f4": (
            "Shares of {org} rose {pct} percent after the announcement.",
            "{org} stock gained {pct} percent on the news.",
        ),
    },
    "election": {
        "head": (
            "{leader} claims victory in {country} election",
            "{country} vote: {leader} wins {pct} percent, opposition cries foul",
            "{opposition} rejects result as {leader} declared winner",
        ),
        "f1": (
            "Election officials in {country} said {leader} won {pct} percent of the vote.",
            "{leader} took {pct} percent of the vote, according to election officials.",
        ),
        "f2": (
            "{opposition} said the count in {city} was rigged.",
            "Opposition candidate {opposition} accused officials of rigging the count in {city}.",
        ),
        "f3": (
            "Turnout was {turnout} percent, the commission said.",
            "The commission put turnout at {turnout} percent.",
        ),
        "f4": (
            "Observers from {org} reported irregularities at {stations} polling stations.",
            "{org} monitors said {stations} polling stations showed irregularities.",
        ),
    },
}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEAPONS = ("tear gas", "water cannon", "stun grenades", "rubber bullets")
_BACKGROUND = (
    "{leader} has led {country} since {since}.",
    "{country} has seen repeated unrest since the last election.",
    "The government in {capital} has rejected criticism from abroad.",
    "{opposition} has spent part of the past year in exile.",
    "Analysts in {capital} said the coming weeks would be decisive.",
    "The {ministry} did not respond to a request for comment.",
    "Neighbouring countries have called for calm.",
    "Prices in {country} have risen sharply this year.",
    "Critics say {leader} has tightened control over the media.",
    "Talks between the government and {opposition} broke down in the spring.",
)


def _facts(rng: random.Random, topic: Topic, kind: str, day: datetime) -> dict[str, str]:
    org = f"{_word(rng, 2)} {rng.choice(('Holdings', 'Group', 'Bank', 'Foundation', 'Relief'))}"
    return {
        "country": topic.country,
        "capital": topic.capital,
        "leader": topic.leader,
        "opposition": topic.opposition,
        "ministry": topic.ministry,
        "city": rng.choice((topic.capital,) + topic.cities),
        "place": _word(rng, 2),
        "weekday": _WEEKDAYS[day.weekday()],
        "crowd": f"{rng.randint(10, 200) * 1000:,}",
        "detained": str(rng.randint(30, 900)),
        "weapon": rng.choice(_WEAPONS),
        "storm": _word(rng, 2),
        "dead": str(rng.randint(3, 80)),
        "homes": f"{rng.randint(5, 400) * 100:,}",
        "missing": str(rng.randint(2, 40)),
        "org": org,
        "org2": f"{_word(rng, 2)} {rng.choice(('Motors', 'Telecom', 'Foods', 'Energy', 'Steel'))}",
        "defendant": f"{rng.choice(_FIRST)} {_word(rng, 3)}",
        "jail": str(rng.randint(2, 25)),
        "money": str(rng.randint(12, 990)),
        "staff": f"{rng.randint(2, 90) * 100:,}",
        "pct": str(rng.randint(2, 89)),
        "turnout": str(rng.randint(35, 80)),
        "stations": str(rng.randint(10, 300)),
        "since": str(rng.randint(1990, 2015)),
    }


def _vary_number(rng: random.Random, facts: dict[str, str]) -> dict[str, str]:
    """Another outlet's figure for one of the numbers (reports disagree)."""
    out = dict(facts)
    name = rng.choice(("detained", "dead", "crowd", "money", "missing"))
    raw = out[name].replace(",", "")
    value = max(1, int(int(raw) * rng.uniform(0.6, 1.6)))
    out[name] = f"{value:,}" if "," in out[name] else str(value)
    return out


def _transliterate(rng: random.Random, facts: dict[str, str]) -> dict[str, str]:
    """Spell the leader's surname another way (Lukashenko / Lukashenka)."""
    out = dict(facts)
    first, _, last = out["leader"].partition(" ")
    if last and last[-1] in "aeiou":
        out["leader"] = f"{first} {last[:-1]}{rng.choice([v for v in 'aeiou' if v != last[-1]])}"
    return out


def _compose(
    rng: random.Random,
    kind: str,
    facts: dict[str, str],
    *,
    head: int,
    variants: dict[str, int],
    order: list[str],
    background: list[int],
) -> tuple[str, list[str]]:
    spec = _KINDS[kind]
    title = spec["head"][head].format(**facts)
    lead = [spec[f][variants[f] % len(spec[f])].format(**facts) for f in order]
    extra = [_BACKGROUND[b].format(**facts) for b in background]
    return title, lead + extra


def generate(
    n_stories: int,
    *,
    seed: int = 0,
    min_versions: int = 1,
    max_versions: int = 6,
    stories_per_topic: int = 4,
    body_sentences: int = 0,
) -> tuple[SynthArticle, ...]:
    """``n_stories`` stories with ``min_versions``..``max_versions`` versions each.

    Articles are headline plus a lead of three or four sentences; ``body_sentences`` more
    background sentences per version make longer bodies. Articles come in publication order,
    interleaved across stories; the output is the same for the same arguments.
    """
    rng = random.Random(seed)
    base = datetime(2024, 1, 1, tzinfo=timezone.utc)
    topics: list[Topic] = []
    out: list[tuple[datetime, SynthArticle]] = []
    headlines: list[str] = []
    for story in range(n_stories):
        if story % stories_per_topic == 0 or not topics:
            topics.append(_topic(rng))
            topic_day = rng.randint(0, 360)
        topic = topics[-1]
        day = base + timedelta(days=topic_day + 2 * (story % stories_per_topic) + rng.randint(0, 1))
        kind = rng.choice(tuple(_KINDS))
        facts = _facts(rng, topic, kind, day)
        spec = _KINDS[kind]
        fact_names = [f for f in spec if f != "head"]
        nb = min(body_sentences, len(_BACKGROUND))
        background = rng.sample(range(len(_BACKGROUND)), nb)
        n_versions = rng.randint(min_versions, max_versions)
        versions: list[tuple[str, list[str], str, str]] = []  # title, sentences, source, kind
        for v in range(n_versions):
            when = day + timedelta(hours=rng.uniform(0, 30))
            if v == 0:
                title, sents = _compose(
                    rng,
                    kind,
                    facts,
                    head=0,
                    variants={f: 0 for f in fact_names},
                    order=fact_names,
                    background=background,
                )
                source, vkind = rng.choice(_WIRES), "wire"
            else:
                vkind = rng.choices(("rewrite", "revision", "repost"), (6, 2, 2))[0]
                if vkind == "rewrite" or not versions:
                    vkind = "rewrite"
                    vf = facts
                    if rng.random() < 0.4:
                        vf = _vary_number(rng, vf)
                    if rng.random() < 0.2:
                        vf = _transliterate(rng, vf)
                    order = fact_names[:1] + rng.sample(fact_names[1:], len(fact_names) - 1)
                    if rng.random() < 0.5:
                        order = order[:-1]
                    bg = rng.sample(background, len(background))
                    # An outlet words every fact its own way (never the wire's wording) ...
                    title, sents = _compose(
                        rng,
                        kind,
                        vf,
                        head=rng.randrange(len(spec["head"])),
                        variants={f: rng.randrange(1, len(spec[f])) for f in fact_names},
                        order=order,
                        background=bg,
                    )
                    # ... and adds context about the country, which other stories share.
                    context = rng.sample(range(len(_BACKGROUND)), rng.randint(1, 2))
                    for c in context:
                        sents.insert(rng.randint(2, len(sents)), _BACKGROUND[c].format(**vf))
                    source = rng.choice(_OUTLETS)
                elif vkind == "revision":
                    title, sents, source, _ = versions[rng.randrange(len(versions))]
                    sents = list(sents)
                    if rng.random() < 0.5:
                        sents.append(_BACKGROUND[rng.randrange(len(_BACKGROUND))].format(**facts))
                    else:
                        i = rng.randrange(len(sents))
                        sents[i] = sents[i].rstrip(".") + ", officials added."
                    if rng.random() < 0.3:
                        title = "UPDATE: " + title
                else:
                    title, sents, _, _ = versions[rng.randrange(len(versions))]
                    source = rng.choice(_AGGREGATORS)
                    junk = rng.sample(_JUNK, 3)
                    related = rng.sample(headlines, min(2, len(headlines)))
                    sents = [junk[0], junk[1], *sents, junk[2], *related]
            versions.append((title, sents, source, vkind))
            paragraphs = "\n\n".join(sents)
            article = Article(
                title=title,
                body=paragraphs,
                source=source,
                published=when.isoformat(),
                input_id=f"s{story}v{v}",
                origin="file",
            )
            out.append((when, SynthArticle(article=article, story=story, kind=vkind)))
        headlines.append(versions[0][0])
    out.sort(key=lambda item: (item[0], item[1].story))
    return tuple(item for _, item in out)


if __name__ == "__main__":
    import sys

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    for item in generate(n, seed=1):
        a = item.article
        print(
            f"== story {item.story} ({item.kind}, {a.source}, {a.published})\n{a.title}\n{a.body}\n"
        )
