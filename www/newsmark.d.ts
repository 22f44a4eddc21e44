// Type declarations for newsmark.js: the result shape of `analyze` exactly.

/** The unit of every offset in a result. */
export type OffsetUnit = 'utf16' | 'utf8' | 'chars';

/** Entity labels (CoNLL-style). */
export type Label = 'PER' | 'ORG' | 'LOC' | 'MISC';

/** Why cleaning removed a piece of the input. */
export type RemovalReason =
  | 'marker'
  | 'share'
  | 'related'
  | 'media'
  | 'caption'
  | 'credit'
  | 'footer'
  | 'editor_note'
  | 'navigation'
  | 'other';

export type QuoteKind = 'direct' | 'partial' | 'indirect';

export interface Options {
  /** Remove scraped junk and normalise white space (default true). */
  clean?: boolean;
  /** Find entity mentions and group them (default true). */
  entities?: boolean;
  /** Find quotations (default true). */
  quotes?: boolean;
  /** The unit of every offset (default 'utf16', i.e. JavaScript string indices). */
  offsets?: OffsetUnit;
  /**
   * Leave out quotes whose `confidence` is below this, from 0 to 1 (default 0: every quote).
   * 0.5 keeps the attributions and drops scare quotes, quoted titles and guesses.
   */
  minConfidence?: number;
}

/** A span in the cleaned text (`start`/`end`) and in the input (`inputStart`/`inputEnd`), end-exclusive. */
export interface Located {
  start: number;
  end: number;
  inputStart: number;
  inputEnd: number;
}

/** A located span with its text: `result.text.slice(start, end) === text`. */
export interface TextSpan extends Located {
  text: string;
}

/** A piece of the input that cleaning removed, in INPUT coordinates. */
export interface Removed {
  start: number;
  end: number;
  reason: RemovalReason;
  /** The id of the rule that decided it. */
  rule: string;
  text: string;
}

export interface Mention extends TextSpan {
  label: Label;
  /** Index of its entity in `entities`. */
  entity: number;
}

export interface Entity {
  id: number;
  label: Label;
  /** The canonical name. */
  name: string;
  /** Indices into `mentions`. */
  mentions: number[];
}

export interface Speaker extends TextSpan {
  /** Index into `entities` when the speaker is a known entity. */
  entity: number | null;
}

export interface Quote {
  kind: QuoteKind;
  /** The quoted pieces without quote marks (two when split by the cue). */
  content: Located[];
  cue: TextSpan | null;
  speaker: Speaker | null;
  confidence: number;
  /**
   * For a quotation inside a quotation (`“He told me, ‘Never,’ and left,” she said`): the index
   * into `quotes` of the quote that holds it; `null` for the others, and when that quote was
   * left out by `minConfidence`.
   */
  within: number | null;
}

export interface Analysis {
  /** The cleaned text (the input itself when cleaning is off). */
  text: string;
  offsets: OffsetUnit;
  removed: Removed[];
  paragraphs: Located[];
  mentions: Mention[];
  entities: Entity[];
  quotes: Quote[];
}

/** Anything `init` can load the module from. */
export type WasmSource =
  | string
  | URL
  | Response
  | Promise<Response>
  | ArrayBuffer
  | ArrayBufferView
  | WebAssembly.Module;

/** Loads the module (by default the `.wasm` next to newsmark.js). */
export function init(input?: WasmSource): Promise<void>;
/** Loads the module synchronously from its bytes or a compiled module. */
export function initSync(bytesOrModule: ArrayBuffer | ArrayBufferView | WebAssembly.Module): void;
/** Analyses an article. Throws TypeError for a non-string text or bad options. */
export function analyze(text: string, options?: Options): Analysis;
/** Cleans an article: `analyze` with entities and quotes off. */
export function clean(text: string, options?: Omit<Options, 'entities' | 'quotes'>): Analysis;
/** The version of the loaded module. */
export function version(): string;

/** The same API in a Web Worker; every call returns a Promise. */
export interface WorkerAnalyzer {
  ready(): Promise<void>;
  analyze(text: string, options?: Options): Promise<Analysis>;
  clean(text: string, options?: Omit<Options, 'entities' | 'quotes'>): Promise<Analysis>;
  version(): Promise<string>;
  terminate(): void;
}

export function createWorkerAnalyzer(opts?: { wasmUrl?: string | URL; workerUrl?: string | URL }): WorkerAnalyzer;
