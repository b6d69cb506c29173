// Types for the slice of liquidjs we use, imported from its browser build.
//
// Why the browser build: liquidjs' package.json points Node at `dist/liquid.node.mjs`, which imports
// `fs`, `path`, `stream`, `module` and `crypto` at load time. The browser build has no imports at all,
// so it runs unchanged in plain Node, in workerd and under any bundler, whatever conditions or main
// fields the bundler uses. liquidjs has no `exports` map, so the deep import is allowed.
//
// Why hand-written types instead of re-exporting "liquidjs": its declarations pull in
// `/// <reference types="node" />`, which would leak Node globals into every Worker package that
// type-checks this package's sources. Only what this package touches is declared here.
declare module "liquidjs/dist/liquid.browser.mjs" {
  export interface LiquidToken {
    /** TokenKind bit: 4 = tag, 8 = output, 16 = HTML text. */
    readonly kind: number;
    readonly input: string;
    readonly begin: number;
    readonly end: number;
    getPosition(): [number, number];
  }

  export interface FilterContext {
    readonly context: { readonly memoryLimit: { use(count: number): void } };
  }

  export type FilterHandler = (this: FilterContext, value: unknown, ...args: unknown[]) => unknown;

  export interface FilterImplOptions {
    handler: FilterHandler;
    raw: boolean;
  }

  export interface Filter {
    readonly name: string;
  }

  export interface Value {
    readonly filters: Filter[];
  }

  export interface Template {
    token: LiquidToken;
    render(ctx: unknown, emitter: unknown): unknown;
    children?(partials: boolean, sync: boolean): unknown;
    arguments?(): Iterable<unknown>;
    blockScope?(): Iterable<string>;
    localScope?(): Iterable<{ readonly content: string }>;
  }

  export interface Variable {
    readonly segments: ReadonlyArray<string | number | Variable>;
  }

  export interface StaticAnalysis {
    variables: Record<string, Variable[]>;
    globals: Record<string, Variable[]>;
    locals: Record<string, Variable[]>;
  }

  export interface LiquidOptions {
    ownPropertyOnly?: boolean;
    strictFilters?: boolean;
    strictVariables?: boolean;
    jsTruthy?: boolean;
    dynamicPartials?: boolean;
    relativeReference?: boolean;
    jekyllInclude?: boolean;
    greedy?: boolean;
    timezoneOffset?: number | string;
    locale?: string;
    globals?: object;
    templates?: Record<string, string>;
    outputEscape?: "escape" | FilterHandler;
    parseLimit?: number;
    renderLimit?: number;
    memoryLimit?: number;
  }

  export interface RenderOptions {
    globals?: object;
    strictVariables?: boolean;
    ownPropertyOnly?: boolean;
    renderLimit?: number;
    memoryLimit?: number;
  }

  export class Liquid {
    constructor(options?: LiquidOptions);
    readonly options: Readonly<Record<string, unknown>>;
    readonly tags: Record<string, unknown>;
    readonly filters: Record<string, FilterHandler | FilterImplOptions>;
    parse(source: string): Template[];
    renderSync(templates: Template[], scope?: object, options?: RenderOptions): unknown;
    analyzeSync(templates: Array<Pick<Template, "arguments">>): StaticAnalysis;
    registerFilter(name: string, filter: FilterHandler | FilterImplOptions): void;
  }

  export class Tokenizer {
    constructor(input: string, operators?: unknown);
    p: number;
    readonly N: number;
    readTopLevelToken(options: unknown): LiquidToken & { readonly name?: string };
  }

  export class Output implements Template {
    token: LiquidToken;
    readonly value: Value;
    render(ctx: unknown, emitter: unknown): unknown;
    arguments(): Iterable<unknown>;
  }

  export class EchoTag implements Template {
    token: LiquidToken;
    readonly value?: Value;
    render(ctx: unknown, emitter: unknown): unknown;
    arguments(): Iterable<unknown>;
  }

  export class IfTag implements Template {
    token: LiquidToken;
    render(ctx: unknown, emitter: unknown): unknown;
  }

  export class UnlessTag implements Template {
    token: LiquidToken;
    render(ctx: unknown, emitter: unknown): unknown;
  }

  export class CaseTag implements Template {
    token: LiquidToken;
    render(ctx: unknown, emitter: unknown): unknown;
  }

  export function toValueSync<T>(value: unknown): T;
}
