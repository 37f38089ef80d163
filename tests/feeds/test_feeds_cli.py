"""`newsreader feeds ...` and `newsreader fetch` as a user runs them, on a real library file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from feeds_fixtures import rss, story
from feeds_server import FeedServer, Reply

from newsreader.cli import cli

pytest.importorskip("newsreader.store.library")  # the library lands separately (issue 4)

FAST_CONFIG = """
[feeds]
timeout = 0.5
connect_timeout = 0.5
deadline = 1
retries = 0
host_interval = 0
per_host = 8
"""


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    config = tmp_path / "config.toml"
    config.write_text(FAST_CONFIG)
    monkeypatch.setenv("NEWSREADER_CONFIG", str(config))
    monkeypatch.delenv("HTTP_PROXY", raising=False)
    monkeypatch.delenv("http_proxy", raising=False)
    monkeypatch.delenv("ALL_PROXY", raising=False)
    monkeypatch.delenv("all_proxy", raising=False)
    return str(tmp_path / "library.sqlite3")


def run(db: str, *args: str, input: str | None = None):
    return CliRunner().invoke(cli, ["--db", db, *args], input=input)


def test_only_http_urls_can_be_added(db: str) -> None:
    result = run(db, "feeds", "add", "file:///etc/passwd")
    assert result.exit_code != 0
    assert "only http and https" in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_add_list_remove(db: str) -> None:
    added = run(db, "feeds", "add", "https://courier.example/feed.xml", "--tag", "local")
    assert added.exit_code == 0, added.output
    listed = json.loads(run(db, "feeds", "list", "--format", "json").output)
    assert [(f["url"], f["tags"], f["health"]) for f in listed] == [
        ("https://courier.example/feed.xml", ["local"], "never")
    ]
    again = run(db, "feeds", "add", "https://courier.example/feed.xml")
    assert again.exit_code != 0 and "already subscribed" in again.output
    assert run(db, "feeds", "remove", str(listed[0]["id"])).exit_code == 0
    assert json.loads(run(db, "feeds", "list", "--format", "json").output) == []
    missing = run(db, "feeds", "remove", "https://nowhere.example/rss")
    assert missing.exit_code != 0 and "no feed" in missing.output


def test_opml_import_then_export_round_trips(db: str, tmp_path: Path) -> None:
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<opml version="2.0"><head><title>x</title></head><body>'
        '<outline text="Local"><outline type="rss" text="Courier"'
        ' xmlUrl="https://courier.example/feed.xml" htmlUrl="https://courier.example/"/>'
        "</outline>"
        '<outline type="rss" text="Wire" xmlUrl="https://wire.example/rss"/>'
        '<outline type="rss" text="Bad" xmlUrl="gopher://old.example/feed"/>'
        "</body></opml>"
    )
    imported = run(db, "feeds", "import", str(opml))
    assert imported.exit_code == 0, imported.output
    assert "Added 2 feeds" in imported.output and "1 refused" in imported.output
    exported = run(db, "feeds", "export")
    again = tmp_path / "again.opml"
    again.write_text(exported.output)
    other = str(tmp_path / "other.sqlite3")
    assert run(other, "feeds", "import", str(again)).exit_code == 0
    first = json.loads(run(db, "feeds", "list", "--format", "json").output)
    second = json.loads(run(other, "feeds", "list", "--format", "json").output)
    assert sorted((f["url"], f["title"], f["tags"]) for f in first) == sorted(
        (f["url"], f["title"], f["tags"]) for f in second
    )
    assert ("https://courier.example/feed.xml", "Courier", ["Local"]) in [
        (f["url"], f["title"], f["tags"]) for f in second
    ]


def test_fetch_reports_new_items_and_failed_feeds(db: str, server: FeedServer) -> None:
    base = f"http://127.0.0.1:{server.port}"
    server.serve("/good.xml", rss([story(0, base=base), story(1, base=base)]), etag='"1"')
    server.routes["/down.xml"] = Reply(503, b"down")
    run(db, "feeds", "add", server.url("/good.xml"))
    run(db, "feeds", "add", server.url("/down.xml"))
    result = run(db, "fetch")
    assert result.exit_code == 0, result.output
    assert "Fetched 2 feeds: 2 new, 0 updated, 0 unchanged; 1 failed:" in result.output
    assert "not modified" not in result.output
    assert f"{server.url('/down.xml')}: server error (HTTP 503)" in result.output
    listed = {f["url"]: f for f in json.loads(run(db, "feeds", "list", "--format", "json").output)}
    assert listed[server.url("/good.xml")]["health"] == "ok"
    assert listed[server.url("/good.xml")]["items"] == 2
    assert listed[server.url("/down.xml")]["health"] == "failing"
    stories = run(db, "stories")
    assert "Carrowmore" in stories.output

    second = run(db, "fetch", "--format", "json")
    summary = json.loads(second.output)
    assert (summary["new"], summary["feeds_ok"], summary["feeds_failed"]) == (0, 1, 1)
    assert summary["not_modified"] == 1
    assert "1 feed not modified" in run(db, "fetch").output


def test_fetch_fails_only_when_every_feed_failed(db: str, server: FeedServer) -> None:
    server.routes["/down.xml"] = Reply(503, b"down")
    run(db, "feeds", "add", server.url("/down.xml"))
    result = run(db, "fetch")
    assert result.exit_code == 1
    assert "1 failed" in result.output


def test_fetch_without_feeds_says_how_to_add_one(db: str) -> None:
    result = run(db, "fetch")
    assert result.exit_code == 0
    assert "feeds add" in result.output


def test_hostile_feed_text_never_reaches_the_terminal_raw(db: str, server: FeedServer) -> None:
    base = f"http://127.0.0.1:{server.port}"
    evil = rss([story(0, base=base)], title="\x1b[2J\x1b]0;owned\x07[bold red]Evil[/bold red] News")
    server.serve("/evil.xml", evil)
    run(db, "feeds", "add", server.url("/evil.xml"), "--title", "\x1b[31m[blink]x[/blink]")
    run(db, "fetch")
    listed = run(db, "feeds", "list")
    assert "\x1b" not in listed.output and "\x07" not in listed.output
    assert "[blink]x[/blink]" in listed.output
    server.routes["/evil.xml"] = Reply(302, b"", {"Location": "/\x1b[31mloop"})
    fetched = run(db, "fetch")
    assert "\x1b" not in fetched.output


HOME_PAGE = """<!doctype html><html><head><title>Carrowmore Courier</title>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml" title="Courier news" href="/news/feed.xml">
<link rel="alternate" type="application/atom+xml" href="https://other.example/atom">
</head><body><p>Front page</p></body></html>"""


def test_adding_a_home_page_subscribes_to_the_feed_it_names(db: str, server: FeedServer) -> None:
    server.serve("/", HOME_PAGE, content_type="text/html; charset=utf-8")
    server.serve("/news/feed.xml", rss([story(1)]))
    added = run(db, "feeds", "add", server.url("/"))
    assert added.exit_code == 0, added.output
    said = " ".join(added.output.split())  # the console wraps long lines
    assert f"found its feed {server.url('/news/feed.xml')}" in said
    assert "it names 2; the first is used" in said
    [feed] = json.loads(run(db, "feeds", "list", "--format", "json").output)
    assert feed["url"] == server.url("/news/feed.xml")
    exported = run(db, "feeds", "export").output
    assert f'htmlUrl="{server.url("/")}"' in exported


def test_a_page_naming_no_feed_is_refused(db: str, server: FeedServer) -> None:
    server.serve("/about", "<!doctype html><p>About us</p>", content_type="text/html")
    refused = run(db, "feeds", "add", server.url("/about"))
    assert refused.exit_code != 0
    assert "names no RSS or Atom feed" in refused.output
    assert len(refused.output.strip().splitlines()) == 1
    assert json.loads(run(db, "feeds", "list", "--format", "json").output) == []


def test_a_feed_added_directly_keeps_its_site_as_home_page(db: str, server: FeedServer) -> None:
    server.serve("/feed.xml", rss([story(2)]))
    assert run(db, "feeds", "add", server.url("/feed.xml")).exit_code == 0
    assert 'htmlUrl="http://127.0.0.1/"' in run(db, "feeds", "export").output


def test_an_unreachable_url_is_subscribed_with_a_note(db: str, server: FeedServer) -> None:
    down = server.url("/gone.xml")
    server.stop()
    added = run(db, "feeds", "add", down)
    assert added.exit_code == 0, added.output
    said = " ".join(added.output.split())
    assert "could not check it now" in said and "next fetch tries" in said
    [feed] = json.loads(run(db, "feeds", "list", "--format", "json").output)
    assert feed["url"] == down


def test_no_check_subscribes_without_looking(db: str, server: FeedServer) -> None:
    server.serve("/", HOME_PAGE, content_type="text/html")
    assert run(db, "feeds", "add", "--no-check", server.url("/")).exit_code == 0
    [feed] = json.loads(run(db, "feeds", "list", "--format", "json").output)
    assert feed["url"] == server.url("/")


def test_fetch_records_the_site_a_feed_names(db: str, server: FeedServer) -> None:
    server.serve("/feed.xml", rss([story(3)]))
    assert run(db, "feeds", "add", "--no-check", server.url("/feed.xml")).exit_code == 0
    assert "htmlUrl" not in run(db, "feeds", "export").output
    fetched = run(db, "fetch")
    assert fetched.exit_code == 0, fetched.output
    assert 'htmlUrl="http://127.0.0.1/"' in run(db, "feeds", "export").output
