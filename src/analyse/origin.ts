import type { Association } from "../config/schema.js";
import type { ParseResult } from "../parse/schema.js";

/** Where a text the app reads came from: the issue body or one comment. */
export interface TextOrigin {
  kind: "issue" | "comment";
  /** The comment id; the issue number for the body. */
  id: number;
  author: string;
  association: Association;
  isBot: boolean;
  url: string | null;
  /** The attached or linked log the text was fetched from. */
  via?: string;
}

export interface SourceText {
  origin: TextOrigin;
  text: string;
}

/** A text with the parser's reading of it. */
export interface ReadText extends SourceText {
  read: ParseResult;
}
