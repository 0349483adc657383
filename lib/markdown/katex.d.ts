import type MarkdownIt from "markdown-it";
export declare const macros: Record<string, string>;
export declare const pagesWithMath: Set<string>;
export declare function katexPlugin(md: MarkdownIt, options?: Record<string, unknown>): MarkdownIt;
