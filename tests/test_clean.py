"""Line roles, chrome rules, overrides and the audit table."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.clean import (
    CleaningError,
    chrome_summary,
    clean_corpus,
    clean_document,
    reads_as_prose,
    role_lines,
    strip_leading_credit,
)
from analysis.corpus import CorpusError, load_corpus
from conftest import write_corpus

# An invented capture in the style of a wire-service article on a portal.
WIRE_CAPTURE = """\
[단독] 中 AI 굴기에 韓 반도체 비상
입력 2025-02-03 09:12
수정 2025.02.03. 오전 10:40
글자 크기
공유하기
(서울=연합뉴스) 김철수 기자 = 중국 AI 기업의 저가 공세가 이어지면서 국내 업계가 긴장하고 있다.
업계 관계자는 "대응이 늦으면 시장을 잃는다"고 말했다.
삼성전자 평택캠퍼스 전경 [연합뉴스 자료사진]
삼성전자 평택캠퍼스 전경 [연합뉴스 자료사진]
정부는 다음 달 지원책을 발표할 예정이다.
kimcs@yna.co.kr
<저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>
많이 본 뉴스
1 트럼프, 관세 발표
2 코스피 2,500선 붕괴
"""

# An invented blog capture: blank-line paragraphs, a sentence broken by the capture.
BLOG_CAPTURE = """\
AI 전쟁과 우리의 숙제

2025. 2. 1. 21:05

 

오늘 생각해 본 것은
딥시크가 던진 질문이다. 돈이 전부가 아니라는 것이다.

 

결국 사람이 답이다.

공감
댓글 3
이 블로그의 인기글
"""


def roles_of(capture: str, outlet: str = "") -> list[tuple[str, str, str]]:
    lines = capture.split("\n")
    return [(line, role, reason) for line, (role, reason) in zip(lines, role_lines(lines, outlet=outlet))]


def test_wire_capture_roles():
    roles = {line: (role, reason) for line, role, reason in roles_of(WIRE_CAPTURE)}
    assert roles["[단독] 中 AI 굴기에 韓 반도체 비상"] == ("title", "")
    assert roles["입력 2025-02-03 09:12"] == ("chrome", "date stamp")
    assert roles["수정 2025.02.03. 오전 10:40"] == ("chrome", "date stamp")
    assert roles["글자 크기"] == ("chrome", "share/print buttons")
    assert roles["공유하기"][0] == "chrome"
    assert roles["정부는 다음 달 지원책을 발표할 예정이다."] == ("body", "")
    assert roles["kimcs@yna.co.kr"] == ("chrome", "contact / byline")
    assert roles["<저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>"] == ("chrome", "copyright")
    assert roles["많이 본 뉴스"] == ("chrome", "related-news list")
    assert roles["1 트럼프, 관세 발표"] == ("chrome", "related-news list")
    assert roles["2 코스피 2,500선 붕괴"] == ("chrome", "related-news list")


def test_caption_printed_twice_counts_once():
    rows = roles_of(WIRE_CAPTURE)
    captions = [(role, reason) for line, role, reason in rows if line.startswith("삼성전자 평택")]
    assert captions == [("chrome", "photo caption"), ("chrome", "photo caption (repeat, counted once)")]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("도널드 트럼프 대통령(왼쪽)과 시진핑 주석. /사진=로이터", "photo caption"),
        ("젠슨 황 엔비디아 CEO. AP 연합뉴스", "photo caption"),
        ("△ 딥시크 로고 (사진=게티이미지)", "photo caption"),
        ("ⓒ 전자신문, 무단전재 및 재배포 금지", "copyright"),
        ("Copyright © The Korea Herald. All rights reserved.", "copyright"),
        ("이 기사는 외부 필진의 기고로 본지의 편집 방향과 다를 수 있습니다.", "disclaimer"),
        ("박영희 특파원", "contact / byline"),
        ("입력", "date stamp"),
        ("A21면", "date stamp"),
        ("-", "filler"),
        ("\u00a0", "blank line"),
        ("프린트", "share/print buttons"),
        ("관련기사", "share/print buttons"),
    ],
)
def test_single_chrome_lines(line, expected):
    # one body line first, so that list rules start blocks as they would after an article
    roles = role_lines(["딥시크가 시장을 흔들었다.", line])
    assert roles[1] == ("chrome", expected) or (expected == "share/print buttons" and roles[1][0] == "chrome")


def test_paragraph_printed_twice_keeps_one_copy():
    paragraph = "중국의 AI 스타트업 딥시크가 저비용 모델을 내놓자 미국 빅테크의 주가가 급락했다. " * 4
    roles = role_lines(["제목", paragraph, paragraph, "다음 문단이다."])
    assert roles[1:] == [("body", ""), ("chrome", "repeated paragraph (counted once)"), ("body", "")]


def test_widget_labels_before_the_article_are_buttons_not_blocks():
    roles = role_lines(["제목입니다", "댓글", "본문 첫 문장이다.", "본문 둘째 문장이다."])
    assert [role for role, _ in roles] == ["title", "chrome", "body", "body"]


def test_comment_widget_after_the_article_runs_to_the_end():
    roles = role_lines(["본문이다.", "댓글 0", "첫번째 댓글을 남겨주세요.", "기사가 저장 되었습니다."])
    assert [reason for _, reason in roles[1:]] == ["comment widget"] * 3


def test_related_list_ends_at_article_prose():
    # a related-news box in the middle of an article: items are short, prose resumes
    lines = ["본문 첫 문단이다.", "관련 기사", "딥시크 쇼크…코스피 급락", "엔비디아 주가 반등",
             "한편 정부는 이날 인공지능 기본법 시행령 초안을 공개하고 업계 의견을 듣기로 했다고 밝혔다."]
    roles = role_lines(lines)
    assert [role for role, _ in roles] == ["body", "chrome", "chrome", "chrome", "body"]


def test_masthead_with_outlet_name_before_the_article():
    roles = role_lines(["딥시크 분석", "머니투데이 더 인사이트", "본문이다."], outlet="머니투데이")
    assert roles[1] == ("chrome", "masthead / section label")


def test_editors_note_label_and_note():
    roles = role_lines(["제목", "편집자주", "", "매주 화요일 연재하는 칼럼입니다.", "본문이다."])
    assert roles[1] == roles[3] == ("chrome", "editor's note")


@pytest.mark.parametrize(
    "line, prose",
    [
        ("딥시크가 시장을 흔들었다.", True),
        ("이제 선택은 한국의 몫이다. 패배를 자초할 것인가, 도약할 것인가?", True),
        ("미래의 AI 주도권, 한국의 운명은?", False),
        ('"엔비디아 떠난 천재, 왜 미국을 떠났나"', False),
        ("딥시크는 시작일 가능성이 높다", False),
        ("[S리포트] 미중 AI 경쟁... 韓 탈출구는", False),
        ("글쎄다..", True),
    ],
)
def test_reads_as_prose(line, prose):
    assert reads_as_prose(line) is prose


def test_blog_broken_sentence_is_joined_and_audited():
    audit, paragraphs = clean_document(BLOG_CAPTURE, doc_id="b", file="b.txt")
    assert "오늘 생각해 본 것은 딥시크가 던진 질문이다. 돈이 전부가 아니라는 것이다." in paragraphs["text"].tolist()
    joined = audit[audit["reason"].str.startswith("joined lines")]
    assert joined["line"].tolist() == [7, 8] and set(joined["role"]) == {"body"}
    assert paragraphs.iloc[0][["role", "text"]].tolist() == ["title", "AI 전쟁과 우리의 숙제"]
    tail = audit[audit["line"] >= 14]
    assert set(tail["role"]) == {"chrome"}


def test_audit_has_one_row_per_raw_line_and_nothing_is_lost():
    cleaned = clean_corpus(load_corpus())
    for document in cleaned.corpus.documents.itertuples():
        rows = cleaned.lines[cleaned.lines["doc_id"] == document.doc_id]
        assert rows["line"].tolist() == list(range(1, len(document.text.split("\n")) + 1))
        assert rows["text"].tolist() == document.text.split("\n")
    assert set(cleaned.lines["role"]) <= {"title", "subhead", "body", "chrome"}
    assert (cleaned.lines.loc[cleaned.lines["role"] == "chrome", "reason"] != "").all()


def test_seed_cleaning_outcomes():
    cleaned = clean_corpus(load_corpus())
    lines = cleaned.lines.set_index(["doc_id", "line"])
    # dongpo: the article ends where the "BEST 뉴스" list of unrelated stories begins
    assert lines.loc[("dongpo", 14), "role"] == "body"
    assert (cleaned.lines.query("doc_id == 'dongpo' and line >= 15")["role"] == "chrome").all()
    # hankook: deck lines are subheads; the double caption counts once; the byline is chrome
    assert lines.loc[("hankook", 5), "role"] == "title"
    assert lines.loc[("hankook", 12), "role"] == "subhead"
    assert lines.loc[("hankook", 22), "reason"] == "photo caption (repeat, counted once)"
    assert lines.loc[("hankook", 40), "reason"] == "contact / byline"
    # blog: the sentence split over lines 20-21 is one paragraph
    assert lines.loc[("blog", 20), "reason"].startswith("joined lines 20-21")
    titles = cleaned.paragraphs[cleaned.paragraphs["role"] == "title"].set_index("doc_id")["text"]
    metadata_titles = cleaned.corpus.documents.set_index("doc_id")["title"]
    for doc_id, title in titles.items():
        assert title == metadata_titles[doc_id]
    assert "dongpo" not in titles.index  # no headline in that capture
    # the "[동포투데이]" credit tag is not article text
    first = cleaned.paragraphs[cleaned.paragraphs["doc_id"] == "dongpo"].iloc[0]["text"]
    assert first.startswith("올해 1월")


@pytest.mark.parametrize(
    "text, outlet, expected",
    [
        ("[동포투데이] 올해 1월", "동포투데이", ("올해 1월", "[동포투데이]")),
        ("[서울=뉴시스] 정부가", "", ("정부가", "[서울=뉴시스]")),
        ("(워싱턴=연합뉴스) 김철수 특파원 = 미국이", "", ("미국이", "(워싱턴=연합뉴스) 김철수 특파원 =")),
        ("[S리포트] 미중 경쟁", "머니S", ("[S리포트] 미중 경쟁", "")),
        ("[사설] 딥시크의 교훈", "", ("[사설] 딥시크의 교훈", "")),
    ],
)
def test_strip_leading_credit(text, outlet, expected):
    assert strip_leading_credit(text, outlet=outlet) == expected


def test_override_changes_role_and_is_reported(tmp_path, small_corpus):
    pd.DataFrame(
        [{"doc_id": "a", "line": "6", "role": "body", "note": "reporter's sign-off kept"}]
    ).to_csv(small_corpus / "overrides.csv", index=False)
    cleaned = clean_corpus(load_corpus(small_corpus))
    row = cleaned.lines.query("doc_id == 'a' and line == 6").iloc[0]
    assert (row["role"], row["reason"]) == ("body", "override: reporter's sign-off kept")
    other = cleaned.lines.query("doc_id == 'b' and line == 6").iloc[0]
    assert other["role"] == "chrome"


@pytest.mark.parametrize(
    "rows, message",
    [
        ([{"doc_id": "a", "line": "2", "role": "headline", "note": ""}], "not one of"),
        ([{"doc_id": "a", "line": "two", "role": "body", "note": ""}], "not a number"),
        ([{"doc_id": "zz", "line": "2", "role": "body", "note": ""}], "unknown doc_id"),
        ([{"doc_id": "a", "line": "99", "role": "body", "note": ""}], "out of range"),
    ],
)
def test_bad_overrides(small_corpus, rows, message):
    pd.DataFrame(rows).to_csv(small_corpus / "overrides.csv", index=False)
    with pytest.raises(CleaningError, match=message):
        clean_corpus(load_corpus(small_corpus))


def test_document_with_no_body_is_an_error_not_a_silent_drop(tmp_path):
    directory = write_corpus(tmp_path / "c", {"a.txt": "공유\n프린트\n댓글\n"})
    with pytest.raises(CorpusError, match="no article body"):
        clean_corpus(load_corpus(directory))


def test_chrome_summary_counts_removed_text():
    cleaned = clean_corpus(load_corpus())
    summary = chrome_summary(cleaned)
    assert list(summary.columns) == ["doc_id", "reason", "lines", "chars"]
    related = summary.query("doc_id == 'dongpo' and reason == 'related-news list'").iloc[0]
    assert related["lines"] == 36
    assert "blank line" not in set(summary["reason"])


@pytest.mark.parametrize(
    "lines, expected",
    [
        # menus above the headline are the page header; the stamp marks the headline above it
        (["홈", "정치", "", "딥시크 쇼크, 반도체 흔들", "입력 2025.03.04 10:20", "본문 첫 문장이다."],
         ["chrome", "chrome", "chrome", "title", "chrome", "body"]),
        # a stamp above the headline (only menus above the stamp): the headline is below it
        (["뉴스", "경제", "기사입력 2025-03-04 10:20", "", "철강업계, AI 공정관리 도입", "본문 첫 문장이다."],
         ["chrome", "chrome", "chrome", "chrome", "title", "body"]),
        # one word between headline and article is a label or a name, a phrase is a deck
        (["AI 챗봇 비교 후기", "별빛다람쥐", "2025. 3. 4. 10:20", "세 가지를 써 봤다", "본문 첫 문장이다."],
         ["title", "chrome", "chrome", "subhead", "body"]),
        # the headline printed again further down is chrome
        (["AI 가격 전쟁의 승자", "본문 첫 문장이다.", "둘째 문장이다.", "셋째 문장이다.", "인기 기사",
          "AI 가격 전쟁의 승자"],
         ["title", "body", "body", "body", "chrome", "chrome"]),
        # a header line longer than the headline chosen is kept: it may be the headline
        (["기술과 사회에 관한 아주 긴 블로그 설명 문구", "", "짧은 제목", "본문 첫 문장이다."],
         ["subhead", "chrome", "title", "body"]),
    ],
    ids=["header-above-headline", "stamp-above-headline", "label-between", "repeated-headline",
         "long-header-kept"],
)
def test_page_layout_roles(lines, expected):
    assert [role for role, _ in role_lines(lines)] == expected
