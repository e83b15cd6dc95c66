"""The source registry: official addresses, no spam hosts, adopted plans (data/raw/sources)."""
from __future__ import annotations

import glob
import re
from urllib.parse import urlparse

import pandas as pd
import pytest

from edueval import paths
from edueval.denylist import _rules, is_denied
from edueval.raw import read_sources_table

# Hosts of issuing bodies that do not end in gov.cn (a provincial 教育厅 on edu.cn).
OFFICIAL_HOSTS = ("jsjyt.edu.cn",)
# Words that mark a gambling, adult or spam host even when it is not on the deny list yet.
SPAM_WORDS = ("casino", "bet365", "365bet", "beat365", "baccarat", "bocai", "caipiao", "porn", "sexy", "xxx",
              "yule", "shenbo", "lottery")
NO_URL_REASON = re.compile(r"not found|no official|was not seen", re.IGNORECASE)


def _sources() -> pd.DataFrame:
    frames = [read_sources_table(p).assign(registry=p) for p in sorted(glob.glob(str(paths.RAW_SOURCES / "*.csv")))]
    return pd.concat(frames, ignore_index=True)


SOURCES = _sources()
PUBLIC = SOURCES[~SOURCES["read_at"].fillna("").str.startswith("shared/")]  # seed documents are local files


def _host(url) -> str:
    return (urlparse(url).hostname or "").lower() if isinstance(url, str) else ""


def _official(host: str) -> bool:
    return host.endswith("gov.cn") or any(host == h or host.endswith("." + h) for h in OFFICIAL_HOSTS)


def test_registry_files_are_read():
    assert len(SOURCES) > 80
    assert SOURCES["source_id"].is_unique


@pytest.mark.parametrize("row", PUBLIC.to_dict("records"), ids=lambda r: r["source_id"])
def test_official_url_or_a_note_saying_why_none(row):
    url = row["url"]
    if isinstance(url, str) and url:
        assert _official(_host(url)), f"{row['source_id']}: url {url} is not an issuing body's host"
    else:
        assert NO_URL_REASON.search(row["note"] or ""), f"{row['source_id']}: no url and no note saying why"


@pytest.mark.parametrize("row", SOURCES.to_dict("records"), ids=lambda r: r["source_id"])
def test_no_gambling_adult_or_spam_address(row):
    for col in ("url", "read_at"):
        value = row[col]
        assert not is_denied(value), f"{row['source_id']}: {col} {value} is on the deny list"
        host = _host(value)
        assert not any(w in host for w in SPAM_WORDS), f"{row['source_id']}: {col} host {host} looks like spam"


@pytest.mark.parametrize("row", SOURCES.to_dict("records"), ids=lambda r: r["source_id"])
def test_no_denied_host_is_named_anywhere_in_the_row(row):
    hosts, _ = _rules()
    text = " ".join(str(v) for v in row.values() if isinstance(v, str)).lower()
    named = [h for h in hosts if re.search(r"(?<![a-z0-9.-])" + re.escape(h) + r"(?![a-z0-9-])", text)]
    assert not named, f"{row['source_id']} names denied host(s) {named}"
    for address in re.findall(r"https?://[^\s,;)\"]+", text):
        assert not is_denied(address), f"{row['source_id']} names {address}"


def test_plan_targets_come_from_adopted_documents():
    plans = SOURCES[SOURCES["kind"] == "plan"]
    assert len(plans) >= 10
    drafts = plans[plans["title"].str.contains("草案|征求意见稿|draft", case=False, regex=True)]
    assert drafts.empty, list(drafts["source_id"])
    outline = SOURCES.set_index("source_id").loc["gov-14th-fyp-outline-2021"]
    assert "批准" in outline["title"] and outline["date"] == "2021-03-11"


def test_public_sources_say_when_they_were_checked_and_their_terms():
    missing = PUBLIC[PUBLIC["accessed"].isna() | PUBLIC["licence"].isna()]
    assert missing.empty, list(missing["source_id"])


def test_national_bulletins_cite_the_ministry_page():
    bulletins = SOURCES[SOURCES["source_id"].str.fullmatch(r"moe-bulletin-20\d\d(-fulltext)?")]
    assert len(bulletins) == 30
    assert bulletins["url"].str.startswith("https://www.moe.gov.cn/").all()


def test_deny_list_has_no_duplicates_and_known_spam_hosts():
    hosts, words = _rules()
    assert len(hosts) == len(set(hosts))
    for h in ("jvying.net", "carmay.cn", "xiaoziling.net", "dongsenyule.com", "peoplessjj.com"):
        assert h in hosts
    assert is_denied("http://m.xiaoziling.net/gaozhong/20220123/57719.html")
    assert not is_denied("http://jyt.henan.gov.cn/2018/04-02/1653226.html")
