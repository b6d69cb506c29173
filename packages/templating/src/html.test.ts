import { describe, expect, it } from "vitest";
import { htmlToText, looksLikeHtml, plainTextToHtml, rewriteLinks } from "./index";

describe("looksLikeHtml", () => {
  it.each([
    "<p>Hi</p>",
    "Hi<br>there",
    "Hi<br/>there",
    '<a href="x">x</a>',
    "<!DOCTYPE html><html></html>",
    "text <!-- comment -->",
    "<DIV>caps</DIV>",
    "line</p>",
  ])("%j is HTML", (body) => {
    expect(looksLikeHtml(body)).toBe(true);
  });

  it.each([
    "Hi {{ first_name }},\nplain text.",
    "a < b and c > d",
    "I <3 cadence",
    "Write to Bob <bob@example.com>",
    "x<y",
    "",
  ])("%j is not HTML", (body) => {
    expect(looksLikeHtml(body)).toBe(false);
  });
});

describe("htmlToText", () => {
  it("strips tags and keeps paragraphs and line breaks", () => {
    expect(htmlToText("<p>Hello <b>Ada</b>,</p><p>Line one<br>Line two</p>")).toBe(
      "Hello Ada,\n\nLine one\nLine two",
    );
  });

  it("drops head, style and script content", () => {
    const html =
      "<html><head><title>T</title><style>p { color: red }</style></head><body><script>alert(1)</script><p>Body</p></body></html>";
    expect(htmlToText(html)).toBe("Body");
  });

  it("keeps link targets as text (url)", () => {
    expect(htmlToText('See <a href="https://example.com/a?b=1&amp;c=2">our site</a>.')).toBe(
      "See our site (https://example.com/a?b=1&c=2).",
    );
  });

  it("does not repeat a url that is already the link text", () => {
    expect(htmlToText('<a href="https://example.com/">https://example.com</a>')).toBe("https://example.com");
    expect(htmlToText('<a href="mailto:ada@example.com">ada@example.com</a>')).toBe("ada@example.com");
  });

  it("prints the url of a link with no text, and ignores in-page anchors", () => {
    expect(htmlToText('<a href="https://example.com/x"><img src="x.png"></a>')).toBe("https://example.com/x");
    expect(htmlToText('<a href="https://example.com/x"><img src="x.png" alt="Logo"></a>')).toBe(
      "Logo (https://example.com/x)",
    );
    expect(htmlToText('<a href="#top">Back to top</a>')).toBe("Back to top");
  });

  it("decodes entities", () => {
    expect(
      htmlToText("Fish &amp; chips &lt;3 &quot;q&quot; &#39;s&#39; &#x263A; &hellip; &nbsp;x &bogus;"),
    ).toBe("Fish & chips <3 \"q\" 's' ☺ … x &bogus;");
  });

  it("collapses whitespace from the source", () => {
    expect(htmlToText("<div>\n   Hello\n\n   world   </div>\n\n\n<div>Next</div>")).toBe("Hello world\nNext");
  });

  it("renders lists and tables readably", () => {
    expect(htmlToText("<p>Items:</p><ul><li>one</li><li>two</li></ul><p>End</p>")).toBe(
      "Items:\n\n- one\n- two\n\nEnd",
    );
    expect(htmlToText("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>")).toBe(
      "a b\nc d",
    );
  });

  it("removes preheader padding characters", () => {
    expect(htmlToText("Preview&#847;&zwnj;&nbsp;&#847;&zwnj;&nbsp;&#847;&zwnj;&nbsp;<p>Body</p>")).toBe(
      "Preview\n\nBody",
    );
  });

  it("copes with broken markup", () => {
    expect(htmlToText("a < b <p>c")).toBe("a < b\n\nc");
    expect(htmlToText('<a href="x>unclosed')).toBe('<a href="x>unclosed');
    expect(htmlToText("<!-- never closed")).toBe("");
  });

  it("is linear on hostile input", () => {
    const hostile = '<a title="'.repeat(20_000);
    const started = Date.now();
    htmlToText(hostile);
    rewriteLinks(hostile, (url) => url);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("rewriteLinks", () => {
  const track = (url: string, index: number) => `https://t.example/c/${index}?u=${encodeURIComponent(url)}`;

  it("rewrites absolute http(s) links in order", () => {
    const html = '<a href="https://a.example/x">A</a> <a class="btn" href="http://b.example">B</a>';
    expect(rewriteLinks(html, track)).toBe(
      '<a href="https://t.example/c/0?u=https%3A%2F%2Fa.example%2Fx">A</a> <a class="btn" href="https://t.example/c/1?u=http%3A%2F%2Fb.example">B</a>',
    );
  });

  it("passes the decoded url and escapes the replacement", () => {
    const seen: string[] = [];
    const out = rewriteLinks('<a href="https://a.example/?x=1&amp;y=2">A</a>', (url) => {
      seen.push(url);
      return 'https://t.example/?u=1&v="2"';
    });
    expect(seen).toEqual(["https://a.example/?x=1&y=2"]);
    expect(out).toBe('<a href="https://t.example/?u=1&amp;v=&quot;2&quot;">A</a>');
  });

  it("handles single-quoted, unquoted and upper-case attributes", () => {
    expect(
      rewriteLinks("<A HREF='https://a.example'>A</A> <a href=https://b.example>B</a>", () => "https://t"),
    ).toBe('<A HREF="https://t">A</A> <a href="https://t">B</a>');
  });

  it("leaves mailto:, tel:, anchors, relative and merge-field links alone", () => {
    const html =
      '<a href="mailto:a@b.c">m</a><a href="tel:+1">t</a><a href="#top">#</a><a href="/x">r</a><a href="{{ unsubscribe_url }}">u</a><a href="https://x.example/{{ id }}">l</a><a name="n">n</a>';
    expect(rewriteLinks(html, () => "https://t")).toBe(html);
  });

  it("leaves the unsubscribe url alone", () => {
    const html =
      '<a href="https://u.example/u/abc?s=1&amp;t=2">Unsubscribe</a> <a href="https://a.example">A</a>';
    const out = rewriteLinks(html, (_url, index) => `https://t/${index}`, {
      unsubscribeUrl: "https://u.example/u/abc?s=1&t=2",
    });
    expect(out).toBe(
      '<a href="https://u.example/u/abc?s=1&amp;t=2">Unsubscribe</a> <a href="https://t/0">A</a>',
    );
  });

  it("only touches <a> tags", () => {
    const html =
      '<link href="https://a.example/style.css"><area href="https://a.example"><abbr href="https://x">';
    expect(rewriteLinks(html, () => "https://t")).toBe(html);
  });

  it("ignores attribute values that merely contain href", () => {
    const html = '<a data-href="https://a.example" href="https://b.example">x</a>';
    expect(rewriteLinks(html, () => "https://t")).toBe(
      '<a data-href="https://a.example" href="https://t">x</a>',
    );
  });
});

describe("plainTextToHtml", () => {
  it("escapes every character that could become markup", () => {
    expect(plainTextToHtml(`Hi <script>alert("x")</script> & 'you'`)).toBe(
      "<p>Hi &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;you&#39;</p>",
    );
  });

  it("makes paragraphs of blank lines and <br> of single line breaks", () => {
    expect(plainTextToHtml("Hello Ada,\r\n\r\nLine one\nLine two\n\n\nBye")).toBe(
      "<p>Hello Ada,</p>\n<p>Line one<br>\nLine two</p>\n<p>Bye</p>",
    );
  });

  it("links http(s) URLs, leaving trailing punctuation outside", () => {
    expect(plainTextToHtml("See https://acme.test/a?b=1&c=2. Or http://x.test/y)")).toBe(
      '<p>See <a href="https://acme.test/a?b=1&amp;c=2">https://acme.test/a?b=1&amp;c=2</a>. Or <a href="http://x.test/y">http://x.test/y</a>)</p>',
    );
  });

  it("round-trips through htmlToText to the same words", () => {
    const text = "Hi Ada,\n\nWe help teams like Analytical.\nBest, Sam";
    expect(htmlToText(plainTextToHtml(text))).toBe(text);
  });
});
