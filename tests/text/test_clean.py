from __future__ import annotations

from digest.models import Article
from digest.quotes.extract import extract_quotes
from digest.text.clean import classify_line, clean_article, clean_text, repair_text, split_dateline
from tests.articles import paragraphs


def test_seed_boilerplate_removed(seed_article: Article) -> None:
    cleaned, report = clean_article(seed_article)
    text = cleaned.text
    for junk in [
        "NTD Photo",
        "via AP)",
        "via Getty Images)",
        "From The Epoch Times",
        "contributed to this report",
        "Sign up for NTD Daily",
        "newsletter icon",
        "Privacy Policy",
        "Stay informed",
    ]:
        assert junk not in text, junk
    rules = {rule for rule, _ in report.removed}
    assert {"photo credit", "caption", "credit line", "syndication line", "sign-up footer"} <= rules


def test_seed_story_text_kept(seed_article: Article) -> None:
    cleaned, _ = clean_article(seed_article)
    assert cleaned.paragraphs[0] == seed_article.paragraphs[0]
    assert any("Gimenez wrote" in p for p in cleaned.paragraphs)
    assert any("dancing with fires" in p for p in cleaned.paragraphs)
    assert cleaned.source_name == "The Epoch Times"


def test_section_heading_dropped_but_not_quotes() -> None:
    text = "Blinken’s Visit ‘Bolsters Chairman Xi’s Image’\n\n“It’s a process.”\n\nBody text here."
    cleaned, _ = clean_text(text)
    assert cleaned.split("\n\n") == ["“It’s a process.”", "Body text here."]


def test_rules_generalise_beyond_the_seed() -> None:
    assert classify_line("Protesters gather in Paris on May 1, 2024. (Stephane de Sakutin/AFP)")
    assert classify_line("A rescue worker at the site. (Photo by John Doe/Getty Images)")
    assert classify_line("Reuters Photo") == "photo credit"
    assert classify_line("Fotos: Anna Beispiel, PR") == "photo credit"
    assert classify_line("Reporting by Jane Roe; Editing by Tim Cook") == "credit line"
    assert classify_line("Read more") == "read more"
    assert classify_line("Subscribe to our Morning Newsletter") == "sign-up footer"
    # story sentences are not touched
    assert classify_line("The minister said the photo was taken in 2019.") is None
    assert classify_line("From Monday, prices will rise by 4 percent across the country.") is None
    assert classify_line("Officials (who asked not to be named) said so.") is None


def test_bylines_social_share_and_timestamps_are_removed() -> None:
    text = (
        "By Jane Roe and John Smith | Example News\n\n"
        "Updated: Nov. 29, 2026 6:05 a.m. ET\n\n"
        "The council approved the bridge on Tuesday.\n\n"
        "Share on Facebook\nTweet\nEmail\n\n"
        "By the end of the day, the vote was final."
    )
    cleaned, report = clean_text(text)
    assert cleaned.split("\n\n") == [
        "The council approved the bridge on Tuesday.",
        "By the end of the day, the vote was final.",
    ]
    assert {rule for rule, _ in report.removed} >= {"byline", "timestamp", "social share"}


def test_mojibake_is_repaired_so_quotes_and_names_read_right() -> None:
    # UTF-8 read as Windows-1252 somewhere upstream: curly quotes and accents come out garbled
    garbled = "“We will not pay for the wall,” said Enrique Peña Nieto.".encode().decode("latin-1")
    assert "“" not in garbled and "Ã±" in garbled
    article = Article(id="m", title="PeÃ±a Nieto speaks", text=garbled, source="feed")
    cleaned, _ = clean_article(article)
    assert cleaned.text == "“We will not pay for the wall,” said Enrique Peña Nieto."
    assert cleaned.title == "Peña Nieto speaks"
    quotes = extract_quotes(cleaned.text)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We will not pay for the wall,", "Enrique Peña Nieto")
    ]


def test_a_sign_up_box_mid_article_does_not_take_the_rest_with_it() -> None:
    body = paragraphs("bridge")
    text = "\n\n".join([body[0], "Sign up for our newsletter", "Your email", *body[1:]])
    cleaned, report = clean_text(text)
    assert cleaned.split("\n\n") == body
    assert ("sign-up footer", "Your email") in report.removed


def test_headings_stay_inside_the_story_and_go_around_it() -> None:
    body = paragraphs("storm")
    text = "\n\n".join(["Home", "News", body[0], "What comes next", body[1], "Related stories"])
    assert clean_text(text)[0].split("\n\n") == [body[0], "What comes next", body[1]]


def test_chinese_text_is_not_a_heading() -> None:
    sentence = (
        "市议会周二以七票对两票批准在榆树河上修建一座新桥结束了关于如何缓解市中心交通的十年辩论"
    )
    text = "\n\n".join([sentence, sentence + "。"])
    assert clean_text(text)[0].split("\n\n") == [sentence, sentence + "。"]


def test_a_dateline_is_taken_off_the_first_paragraph() -> None:
    text = "WASHINGTON (AP) — The Senate passed the bill on Tuesday after a long debate."
    cleaned, report = clean_text(text)
    assert cleaned == "The Senate passed the bill on Tuesday after a long debate."
    assert ("dateline", "WASHINGTON (AP) —") in report.removed
    assert split_dateline("(CNN) -- Rescuers reached the village at dawn on Friday.")[0] == (
        "Rescuers reached the village at dawn on Friday."
    )


def test_site_notices_go_but_sentences_about_them_stay() -> None:
    assert classify_line("We may earn a commission from links on this page.") == "site notice"
    assert classify_line("Submit your letter to the editor via this form.") == "site notice"
    assert classify_line("Copyright 2026 Daily Example. All rights reserved.") == "site notice"
    assert classify_line("This website uses cookies to improve your experience.") == "site notice"
    assert classify_line("Copyright cases rose by a fifth last year, the court said.") is None
    assert classify_line("The bakery's cookies were accepted by the jury as evidence.") is None


def test_short_sentences_of_every_script_are_kept_at_the_edges() -> None:
    # Short sentences before and after the story end with their script's own full stop (or,
    # in Burmese and Khmer, are written without spaces): none is a heading.
    first = [
        "शहर परिषद ने मंगलवार को नए पुल को मंज़ूरी दी।",  # Hindi, danda
        "وافق مجلس المدينة على الجسر الجديد يوم الثلاثاء؟",  # Arabic question mark
        "شہر کی کونسل نے نئے پل کی منظوری دے دی۔",  # Urdu full stop
        "የከተማው ምክር ቤት አዲሱን ድልድይ አጸደቀ።",  # Amharic
    ]
    last = [
        "မြို့တော်ကောင်စီသည်အင်္ဂါနေ့တွင်တံတားအသစ်ကိုအတည်ပြုခဲ့သည်ဟုအရာရှိများကပြောကြားခဲ့ကြသည်",
        "ក្រុមប្រឹក្សាក្រុងបានអនុម័តស្ពានថ្មីនៅថ្ងៃអង្គារដោយមានការគាំទ្រពីសមាជិកភាគច្រើនលើសលប់",
    ]
    body = paragraphs("bridge")[:2]
    text = "\n\n".join([*first, *body, *last])
    assert clean_text(text)[0].split("\n\n") == [*first, *body, *last]


def test_affiliate_cookie_javascript_and_blog_footer_notices_go() -> None:
    for line in (
        "If you click this link and make a purchase, we earn a commission at no cost to you.",
        "This post may contain affiliate links; I may receive a small commission.",
        "Please accept YouTube cookies to play this video.",
        "JavaScript is disabled on your browser. Please enable JavaScript to use the site.",
        "You can follow any responses to this entry through the RSS 2.0 feed.",
        "You can leave a response, or trackback from your own site.",
        "Die markierten Links sind Affiliate-Links: wir bekommen eine Provision.",
    ):
        assert classify_line(line) == "site notice", line
    assert classify_line("VIDEO: Five things to know about the storm") == "teaser"
    assert classify_line("WATCH:") == "teaser"
    # a sentence about commissions, cookies or videos is story text
    assert classify_line("The board voted to earn back the trust of its members.") is None
    assert classify_line("Video: the mayor said the footage was real.") is None


def test_slide_and_page_counters_go() -> None:
    for line in ("2/5", "3 / 12", "1 of 10", "Page 1 of 2", "Slide 4 of 9", "Seite 2 von 3"):
        assert classify_line(line) == "counter", line
    body = paragraphs("storm")
    text = "\n\n".join([body[0], "2/3", "Blowing snow", body[1], "3/3", body[2]])
    assert clean_text(text)[0].split("\n\n") == [body[0], "Blowing snow", body[1], body[2]]
    assert classify_line("The vote was 7 of 9 in favour.") is None
    assert classify_line("2021/22") is None
    assert classify_line("She baked cookies for the volunteers who cleared the roads.") is None


def test_a_highlights_list_before_the_story_stays_but_a_short_menu_goes() -> None:
    story = paragraphs("storm")
    highlights = [
        "- More than two feet of snow fell across the northern plains",
        "- Highways closed and thousands of homes lost their power",
        "- Schools in the largest cities will stay shut all week",
    ]
    menu = ["- News", "- Weather", "- Sports"]
    cleaned, _ = clean_text("\n\n".join(["Top stories", *highlights, *story]))
    assert cleaned.split("\n\n") == [*highlights, *story]
    cleaned, _ = clean_text("\n\n".join([*menu, *story]))
    assert cleaned.split("\n\n") == story
    cleaned, _ = clean_text("\n\n".join([*highlights[:2], *story]))
    assert cleaned.split("\n\n") == story  # two bullets are no highlights box


def test_repair_keeps_the_width_of_cjk_punctuation() -> None:
    # a Chinese or Japanese headline's full-width colon and comma are how it is written
    assert repair_text("外国专家：中美合作，共赢") == "外国专家：中美合作，共赢"
    assert repair_text("The â€œbridgeâ€\x9d opens") == "The “bridge” opens"  # mojibake still mended


def test_a_dateline_with_a_date_before_the_agency_is_taken_off() -> None:
    line = "SEOUL, Aug. 20 (Yonhap) -- North Korea's newspaper blasted the drill."
    text, report = clean_text(line)
    assert text == "North Korea's newspaper blasted the drill."
    assert ("dateline", "SEOUL, Aug. 20 (Yonhap) --") in report.removed
    assert clean_text(
        "【6月18日 AFP】ナイジェリア北東部で16日夜、自爆攻撃が起き、31人が死亡した。"
    )[0] == ("ナイジェリア北東部で16日夜、自爆攻撃が起き、31人が死亡した。")
    chinese = "新华社北京11月17日电 记者17日从国家卫生健康委获悉，相关部门持续保障临床用药需求。"
    assert clean_text(chinese)[0] == "记者17日从国家卫生健康委获悉，相关部门持续保障临床用药需求。"


def test_a_no_reproduction_notice_is_a_site_notice() -> None:
    story = "The council met on Tuesday to vote on a new bridge across the river."
    text, _ = clean_text(f"{story}\n\nNo reproduction without permission.")
    assert text == story


def test_a_sentence_cut_across_blocks_is_joined_again() -> None:
    text, _ = clean_text(
        "The photos, which were released online and are making the rounds,\n\n"
        "show the actress looking absolutely stunning in new\n\n"
        "make-up photos taken at the festival last week.\n\n"
        "The actress, who in 2008 won the\n\n"
        "Africa Movie Academy Award, posted the pictures herself.\n\n"
        "Apple has a new phone on sale\n\n"
        "iPhone sales rose by a third in the quarter, the company said."
    )
    assert text.split("\n\n") == [
        "The photos, which were released online and are making the rounds, show the actress "
        "looking absolutely stunning in new make-up photos taken at the festival last week.",
        "The actress, who in 2008 won the Africa Movie Academy Award, posted the pictures herself.",
        "Apple has a new phone on sale",  # the next block starts with a name, not a cut line
        "iPhone sales rose by a third in the quarter, the company said.",
    ]


def test_a_title_case_place_before_a_german_agency_is_a_dateline() -> None:
    text, _ = clean_text(
        "Frankfurt/Main (dpa) - Für einen Roman hat Frank Witzel den Preis bekommen."
    )
    assert text == "Für einen Roman hat Frank Witzel den Preis bekommen."


def test_unfilled_template_placeholders_are_dropped() -> None:
    story = "The council met on Tuesday to vote on a new bridge across the river."
    page = (
        f"{{{{nrco.content.status === 'published' ?\n\n{{{{ article.title }}}}\n\n"
        f"nrco.content.status === 'refused' ? 'Refused' :\n\n{story}"
    )
    assert clean_text(page)[0] == story
    tutorial = "{{ name }} is how a template prints the reader's name, the docs say."
    assert clean_text(f"{story}\n\n{tutorial}")[0] == f"{story}\n\n{tutorial}"
