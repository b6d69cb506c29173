/// <reference path="./liquidjs-browser.d.ts" />
import { Tokenizer } from "liquidjs/dist/liquid.browser.mjs";
import { liquidOperators, TEMPLATE_LIMITS, tokenizerOptions } from "./engine";
import { LruCache } from "./lru";

/**
 * Spintax: `{Hi|Hello|Hey}` picks one option, nested groups allowed (`{Hi {there|friend}|Hello}`).
 *
 * Liquid markup is opaque to spintax: `{{ ... }}`, `{% ... %}` and the content of
 * `{% raw %}...{% endraw %}` are found with liquidjs' own tokenizer and never split, so filters
 * (`{{ a | default: "b" }}`) are not mistaken for options. A `{` with no `|` at its own nesting level
 * is literal text, as are unmatched braces; `{% raw %}{a|b}{% endraw %}` prints `{a|b}` verbatim.
 * Write `{ {a|b}|c}` (with a space) for a group that starts with a group: `{{` always opens Liquid.
 */

export interface TextNode {
  readonly kind: "text";
  readonly start: number;
  end: number;
}

export interface GroupNode {
  readonly kind: "group";
  /** Position of the group in the template (pre-order), part of its choice. */
  id: number;
  readonly start: number;
  readonly end: number;
  readonly options: SpinNode[][];
}

export type SpinNode = TextNode | GroupNode;

export interface SpintaxTree {
  readonly source: string;
  readonly nodes: SpinNode[];
  readonly groupCount: number;
}

const TOKEN_TAG = 4;
const TOKEN_OUTPUT = 8;

/** Source ranges that are Liquid markup (or raw content) and must not be scanned for spintax. */
function opaqueRanges(source: string): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  if (!source.includes("{%") && !source.includes("{{")) return { starts, ends };
  const tokenizer = new Tokenizer(source, liquidOperators);
  let inRaw = false;
  let lastEnd = 0;
  try {
    while (tokenizer.p < tokenizer.N) {
      const token = tokenizer.readTopLevelToken(tokenizerOptions);
      const isMarkup = token.kind === TOKEN_TAG || token.kind === TOKEN_OUTPUT;
      if (isMarkup || inRaw) {
        starts.push(token.begin);
        ends.push(token.end);
      }
      if (token.kind === TOKEN_TAG) {
        if (token.name === "raw") inRaw = true;
        else if (token.name === "endraw") inRaw = false;
      }
      lastEnd = token.end;
    }
  } catch {
    // Unterminated Liquid: everything from there on is opaque; the Liquid parse will report it.
    starts.push(lastEnd);
    ends.push(source.length);
  }
  return { starts, ends };
}

interface Frame {
  readonly start: number;
  readonly literal: boolean;
  readonly bars: number[];
  readonly options: SpinNode[][];
  current: SpinNode[];
}

function pushText(list: SpinNode[], start: number, end: number): void {
  if (end <= start) return;
  const last = list[list.length - 1];
  if (last?.kind === "text" && last.end === start) last.end = end;
  else list.push({ kind: "text", start, end });
}

function pushNode(list: SpinNode[], node: SpinNode): void {
  if (node.kind === "text") pushText(list, node.start, node.end);
  else list.push(node);
}

/** Flatten a brace pair that is not a group (no `|`, unclosed, or too deep) back into text. */
function flattenFrame(target: SpinNode[], frame: Frame, closeAt: number | undefined): void {
  pushText(target, frame.start, frame.start + 1);
  frame.options.forEach((option, index) => {
    if (index > 0) {
      const bar = frame.bars[index - 1];
      if (bar !== undefined) pushText(target, bar, bar + 1);
    }
    for (const node of option) pushNode(target, node);
  });
  if (closeAt !== undefined) pushText(target, closeAt, closeAt + 1);
}

export function parseSpintax(source: string): SpintaxTree {
  const { starts, ends } = opaqueRanges(source);
  const root: SpinNode[] = [];
  const stack: Frame[] = [];
  const current = (): SpinNode[] => stack[stack.length - 1]?.current ?? root;
  let next = 0; // next opaque range
  let textStart = 0;
  let i = 0;
  while (i < source.length) {
    if (i === starts[next]) {
      i = ends[next] ?? source.length;
      next++;
      continue;
    }
    const char = source.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (char === 0x7b /* { */) {
      pushText(current(), textStart, i);
      const literal = (top?.literal ?? false) || stack.length >= TEMPLATE_LIMITS.maxSpinDepth;
      stack.push({ start: i, literal, bars: [], options: [], current: [] });
      textStart = i + 1;
    } else if (char === 0x7c /* | */ && top !== undefined && !top.literal) {
      pushText(top.current, textStart, i);
      top.options.push(top.current);
      top.current = [];
      top.bars.push(i);
      textStart = i + 1;
    } else if (char === 0x7d /* } */ && top !== undefined) {
      pushText(top.current, textStart, i);
      stack.pop();
      top.options.push(top.current);
      const parent = current();
      if (top.options.length >= 2) {
        parent.push({ kind: "group", id: -1, start: top.start, end: i + 1, options: top.options });
      } else {
        flattenFrame(parent, top, i);
      }
      textStart = i + 1;
    }
    i++;
  }
  pushText(current(), textStart, source.length);
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    frame.options.push(frame.current);
    flattenFrame(current(), frame, undefined);
  }

  let groupCount = 0;
  const number = (nodes: SpinNode[]): void => {
    for (const node of nodes) {
      if (node.kind === "group") {
        node.id = groupCount++;
        for (const option of node.options) number(option);
      }
    }
  };
  number(root);
  return { source, nodes: root, groupCount };
}

const treeCache = new LruCache<SpintaxTree>(TEMPLATE_LIMITS.cacheEntries, TEMPLATE_LIMITS.cacheChars);

export function spintaxTree(source: string): SpintaxTree {
  let tree = treeCache.get(source);
  if (tree === undefined) {
    tree = parseSpintax(source);
    treeCache.set(source, tree);
  }
  return tree;
}

export function clearSpintaxCache(): void {
  treeCache.clear();
}

function fmix32(input: number): number {
  let h = input;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units, finalised with murmur3's mixer. */
export function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** The option a group takes: a function of the seed and the group's position only. */
export function chooseOption(seedHash: number, groupId: number, optionCount: number): number {
  return fmix32((seedHash ^ Math.imul(groupId + 1, 0x9e3779b1)) >>> 0) % optionCount;
}

/** A piece of output text and where it came from, to map error offsets back to the source. */
export interface SourceMapSegment {
  readonly outStart: number;
  readonly srcStart: number;
  readonly length: number;
}

export interface MappedText {
  readonly text: string;
  readonly segments: SourceMapSegment[];
}

class TextBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  readonly segments: SourceMapSegment[] = [];

  constructor(
    private readonly source: string,
    private readonly withMap: boolean,
  ) {}

  append(start: number, end: number): void {
    if (end <= start) return;
    if (this.withMap) this.segments.push({ outStart: this.length, srcStart: start, length: end - start });
    this.parts.push(this.source.slice(start, end));
    this.length += end - start;
  }

  build(): MappedText {
    return { text: this.parts.join(""), segments: this.segments };
  }
}

function appendVariant(builder: TextBuilder, nodes: SpinNode[], seedHash: number): void {
  for (const node of nodes) {
    if (node.kind === "text") builder.append(node.start, node.end);
    else {
      const option = node.options[chooseOption(seedHash, node.id, node.options.length)];
      if (option) appendVariant(builder, option, seedHash);
    }
  }
}

/** The text of the variant chosen by `seedHash`. */
export function spinVariant(tree: SpintaxTree, seedHash: number, withMap = false): MappedText {
  if (tree.groupCount === 0 && !withMap) return { text: tree.source, segments: [] };
  const builder = new TextBuilder(tree.source, withMap);
  appendVariant(builder, tree.nodes, seedHash);
  return builder.build();
}

/** A sequence's own text with its groups left out (every option must be valid on its own). */
export function skeleton(tree: SpintaxTree, nodes: SpinNode[]): MappedText {
  const builder = new TextBuilder(tree.source, true);
  for (const node of nodes) if (node.kind === "text") builder.append(node.start, node.end);
  return builder.build();
}

/** Every option of every group, one after the other: all references, in their Liquid context. */
export function linearize(tree: SpintaxTree): MappedText {
  const builder = new TextBuilder(tree.source, true);
  const walk = (nodes: SpinNode[]): void => {
    for (const node of nodes) {
      if (node.kind === "text") builder.append(node.start, node.end);
      else for (const option of node.options) walk(option);
    }
  };
  walk(tree.nodes);
  return builder.build();
}

/** Every sequence in the tree (the template itself, then each option), with a label for errors. */
export function sequences(tree: SpintaxTree): Array<{ nodes: SpinNode[]; label: string | undefined }> {
  const out: Array<{ nodes: SpinNode[]; label: string | undefined }> = [
    { nodes: tree.nodes, label: tree.groupCount > 0 ? "the text outside spintax groups" : undefined },
  ];
  const walk = (nodes: SpinNode[]): void => {
    for (const node of nodes) {
      if (node.kind !== "group") continue;
      node.options.forEach((option, index) => {
        out.push({ nodes: option, label: `spintax option ${index + 1} of group ${node.id + 1}` });
        walk(option);
      });
    }
  };
  walk(tree.nodes);
  return out;
}

/** Map an offset in generated text back to the source. */
export function sourceOffset(mapped: MappedText, offset: number): number | undefined {
  for (const segment of mapped.segments) {
    if (offset >= segment.outStart && offset < segment.outStart + segment.length) {
      return segment.srcStart + (offset - segment.outStart);
    }
  }
  const last = mapped.segments[mapped.segments.length - 1];
  return last === undefined ? undefined : last.srcStart + last.length;
}

/** 1-based line and column of an offset. */
export function lineAndColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Resolve spintax in `source` for `seed`. The same source and seed always give the same text; each
 * group's choice depends on the seed and the group's position only, so groups vary independently.
 */
export function applySpintax(source: string, seed: string): string {
  return spinVariant(spintaxTree(source), hashSeed(seed)).text;
}
