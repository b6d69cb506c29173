/** True when the body contains something that looks like an HTML tag, comment or doctype. */
export function looksLikeHtml(body: string): boolean {
  return /<[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>|<\/[a-z][a-z0-9-]*\s*>|<!--|<!doctype\s/i.test(body);
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ensp: " ",
  emsp: " ",
  thinsp: " ",
  shy: "",
  zwnj: "",
  zwj: "",
  copy: "©",
  reg: "®",
  trade: "™",
  hellip: "…",
  mdash: "—",
  ndash: "–",
  lsquo: "‘",
  rsquo: "’",
  sbquo: "‚",
  ldquo: "“",
  rdquo: "”",
  bdquo: "„",
  laquo: "«",
  raquo: "»",
  bull: "•",
  middot: "·",
  euro: "€",
  pound: "£",
  yen: "¥",
  cent: "¢",
  deg: "°",
  times: "×",
  divide: "÷",
  para: "¶",
  sect: "§",
};

/** Decode numeric entities and the common named ones; unknown names are left as written. */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(
    /&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});/g,
    (match, body: string) => {
      if (body.charCodeAt(0) === 0x23 /* # */) {
        const hex = body[1] === "x" || body[1] === "X";
        const code = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
        if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\uFFFD";
        return String.fromCodePoint(code);
      }
      return NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()] ?? match;
    },
  );
}

/** Escape for a double-quoted HTML attribute value. */
export function escapeAttribute(value: string): string {
  return value.replace(/[&"<>]/g, (char) =>
    char === "&" ? "&amp;" : char === '"' ? "&quot;" : char === "<" ? "&lt;" : "&gt;",
  );
}

interface HtmlTag {
  readonly start: number;
  readonly end: number;
  /** Lowercase element name; undefined for comments, doctypes and processing instructions. */
  readonly name: string | undefined;
  readonly closing: boolean;
  readonly attributes: string;
  /** Content of a CDATA section. */
  readonly cdata?: string;
}

const TAG_NAME = /[a-zA-Z][a-zA-Z0-9:-]*/y;

/**
 * The next tag at or after `from`, scanning once: quoted attribute values may contain ">". A `<`
 * that does not start a tag is text. Returns undefined when no further tag is complete, so callers
 * are linear even on hostile input (no regex backtracking over unclosed quotes).
 */
function nextTag(html: string, from: number): HtmlTag | undefined {
  for (let i = html.indexOf("<", from); i !== -1; i = html.indexOf("<", i + 1)) {
    if (html.startsWith("<!--", i)) {
      const close = html.indexOf("-->", i + 4);
      const end = close === -1 ? html.length : close + 3;
      return { start: i, end, name: undefined, closing: false, attributes: "" };
    }
    if (html.startsWith("<![CDATA[", i)) {
      const close = html.indexOf("]]>", i + 9);
      const end = close === -1 ? html.length : close + 3;
      const cdata = html.slice(i + 9, close === -1 ? html.length : close);
      return { start: i, end, name: undefined, closing: false, attributes: "", cdata };
    }
    const next = html[i + 1];
    if (next === "!" || next === "?") {
      const close = html.indexOf(">", i);
      if (close === -1) return undefined;
      return { start: i, end: close + 1, name: undefined, closing: false, attributes: "" };
    }
    const closing = next === "/";
    TAG_NAME.lastIndex = i + (closing ? 2 : 1);
    const name = TAG_NAME.exec(html);
    if (name === null) continue;
    const attributesStart = TAG_NAME.lastIndex;
    let quote = "";
    for (let j = attributesStart; j < html.length; j++) {
      const char = html[j];
      if (quote !== "") {
        if (char === quote) quote = "";
      } else if (char === '"' || char === "'") quote = char;
      else if (char === ">") {
        return {
          start: i,
          end: j + 1,
          name: name[0].toLowerCase(),
          closing,
          attributes: html.slice(attributesStart, j),
        };
      }
    }
    return undefined;
  }
  return undefined;
}

const ATTRIBUTE_PATTERN = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function attribute(attributes: string, name: string): string | undefined {
  for (const match of attributes.matchAll(ATTRIBUTE_PATTERN)) {
    if (match[1]?.toLowerCase() === name) return decodeEntities(match[2] ?? match[3] ?? match[4] ?? "");
  }
  return undefined;
}

const SKIPPED_ELEMENTS = new Set(["head", "script", "style", "title", "template", "noscript", "xml"]);
const PARAGRAPH_ELEMENTS = new Set([
  "p",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "blockquote",
  "ul",
  "ol",
  "dl",
  "table",
  "pre",
  "hr",
  "figure",
]);
const LINE_ELEMENTS = new Set([
  "div",
  "tr",
  "li",
  "dt",
  "dd",
  "section",
  "article",
  "header",
  "footer",
  "nav",
  "aside",
  "main",
  "address",
  "center",
  "form",
  "figcaption",
  "tbody",
  "thead",
  "tfoot",
  "caption",
]);
const CELL_ELEMENTS = new Set(["td", "th"]);

// Soft breaks from block elements: runs of them collapse to one line break, or one blank line when
// a paragraph-level element is involved. `<br>` is a hard "\n" and is kept as written.
const LINE_BREAK = "\uE000";
const PARAGRAPH_BREAK = "\uE001";

function sameLink(text: string, href: string): boolean {
  const simplify = (value: string) =>
    value
      .trim()
      .replace(/^mailto:|^tel:/i, "")
      .replace(/^https?:\/\//i, "")
      .replace(/\/$/, "")
      .toLowerCase();
  return simplify(text) === simplify(href);
}

/**
 * A text/plain rendering of an HTML body: tags removed, `<head>`, `<style>` and `<script>` dropped,
 * block elements and `<br>` become line breaks (paragraphs and headings a blank line), list items
 * start with "- ", images give their alt text, links keep their target as "text (url)" unless the
 * text already is the url or the link is an in-page anchor. Entities are decoded and whitespace
 * collapsed; invisible padding characters (zero-width, soft hyphen) are removed.
 */
export function htmlToText(html: string): string {
  const out: string[] = [];
  const links: Array<{ href: string | undefined; start: number }> = [];
  let index = 0;
  const pushText = (raw: string) => {
    if (raw === "") return;
    out.push(decodeEntities(raw.replace(/[ \t\n\r\f]+/g, " ")));
  };
  for (let tag = nextTag(html, 0); tag !== undefined; tag = nextTag(html, index)) {
    pushText(html.slice(index, tag.start));
    index = tag.end;
    if (tag.cdata !== undefined) {
      out.push(tag.cdata);
      continue;
    }
    const { name, closing, attributes } = tag;
    if (name === undefined) continue; // comment, doctype, processing instruction
    if (!closing && SKIPPED_ELEMENTS.has(name) && !attributes.trimEnd().endsWith("/")) {
      const end = new RegExp(`</${name}\\s*>`, "gi");
      end.lastIndex = index;
      const found = end.exec(html);
      index = found === null ? html.length : found.index + found[0].length;
      continue;
    }
    if (name === "br") out.push("\n");
    else if (name === "li") {
      if (!closing) out.push(`${LINE_BREAK}- `);
    } else if (PARAGRAPH_ELEMENTS.has(name)) out.push(PARAGRAPH_BREAK);
    else if (LINE_ELEMENTS.has(name)) out.push(LINE_BREAK);
    else if (CELL_ELEMENTS.has(name) && closing) out.push(" ");
    else if (name === "img" && !closing) {
      const alt = attribute(attributes, "alt")?.trim();
      if (alt) out.push(alt);
    } else if (name === "a") {
      if (!closing) links.push({ href: attribute(attributes, "href")?.trim(), start: out.length });
      else {
        const link = links.pop();
        const href = link?.href;
        if (link !== undefined && href !== undefined && href !== "" && !/^(#|javascript:)/i.test(href)) {
          const text = out.slice(link.start).join("").trim();
          if (text === "") out.push(href.replace(/^mailto:/i, ""));
          else if (!sameLink(text, href)) out.push(` (${href.replace(/^mailto:/i, "")})`);
        }
      }
    }
  }
  pushText(html.slice(index));

  return out
    .join("")
    .replace(/\u034f|[\u200b-\u200d\u2060\ufeff\u00ad]/g, "")
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/[ \uE000\uE001]*[\uE000\uE001][ \uE000\uE001]*/g, (run) =>
      run.includes(PARAGRAPH_BREAK) ? "\n\n" : "\n",
    )
    .split("\n")
    .map((line) => line.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export interface RewriteLinksOptions {
  /** The message's unsubscribe URL; links to it are never rewritten. */
  unsubscribeUrl?: string;
}

const HREF_PATTERN = /(\shref\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i;

/**
 * Rewrite the `href` of every `<a>` whose target is an absolute http(s) URL, e.g. into a click
 * tracking redirect. `rewrite` receives the decoded URL and the link's index among rewritten links
 * (0-based, document order); its result is attribute-escaped. Left alone: mailto:, tel:, #anchors,
 * relative or Liquid-valued targets (`href="{{ unsubscribe_url }}"`, so running this on a template
 * source skips merge-field links) and `options.unsubscribeUrl` (for rendered HTML).
 */
export function rewriteLinks(
  html: string,
  rewrite: (url: string, index: number) => string,
  options: RewriteLinksOptions = {},
): string {
  const unsubscribe = options.unsubscribeUrl?.trim();
  const parts: string[] = [];
  let index = 0;
  let count = 0;
  for (let tag = nextTag(html, 0); tag !== undefined; tag = nextTag(html, tag.end)) {
    if (tag.name !== "a" || tag.closing) continue;
    const href = HREF_PATTERN.exec(tag.attributes);
    if (href === null) continue;
    const url = decodeEntities(href[2] ?? href[3] ?? href[4] ?? "").trim();
    if (!/^https?:\/\//i.test(url) || /\{\{|\{%/.test(url)) continue;
    if (unsubscribe !== undefined && unsubscribe !== "" && url === unsubscribe) continue;
    const attributesStart = tag.end - 1 - tag.attributes.length;
    const valueStart = attributesStart + href.index + (href[1]?.length ?? 0);
    const valueEnd = attributesStart + href.index + href[0].length;
    parts.push(html.slice(index, valueStart), `"${escapeAttribute(rewrite(url, count++))}"`);
    index = valueEnd;
  }
  parts.push(html.slice(index));
  return parts.join("");
}

/** Escape text for HTML element content. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) =>
    char === "&"
      ? "&amp;"
      : char === "<"
        ? "&lt;"
        : char === ">"
          ? "&gt;"
          : char === '"'
            ? "&quot;"
            : "&#39;",
  );
}

/** http(s) URLs in running text; trailing punctuation is left to the sentence. */
const TEXT_URL = /https?:\/\/[^\s<>"']+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]+$/;

/**
 * An HTML rendering of plain text (a generated email): every character escaped, so nothing in the
 * text can become markup; blank lines separate `<p>` paragraphs, single line breaks become `<br>`,
 * and http(s) URLs become links (which click tracking can then rewrite).
 */
export function plainTextToHtml(text: string): string {
  const linkify = (line: string) => {
    const out: string[] = [];
    let index = 0;
    for (const match of line.matchAll(TEXT_URL)) {
      const url = match[0].replace(TRAILING_PUNCTUATION, "");
      const start = match.index ?? 0;
      out.push(
        escapeHtml(line.slice(index, start)),
        `<a href="${escapeAttribute(url)}">${escapeHtml(url)}</a>`,
      );
      index = start + url.length;
    }
    out.push(escapeHtml(line.slice(index)));
    return out.join("");
  };
  return text
    .replace(/\r\n?/g, "\n")
    .trim()
    .split(/\n[ \t]*\n+/)
    .map((paragraph) => `<p>${paragraph.split("\n").map(linkify).join("<br>\n")}</p>`)
    .join("\n");
}
