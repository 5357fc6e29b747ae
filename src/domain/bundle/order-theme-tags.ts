import { themeKey } from '../attribute-comments.ts';

/**
 * An answer's theme tags in the order a bundle lists them, whatever order they were stored in:
 * by theme regardless of case and spacing, then as written. An export writes them so, and the demo
 * bundle is built so, so that the demo is exactly what it exports.
 */
export function orderThemeTags(themes: readonly string[]): string[] {
  return [...themes].sort((a, b) => compareText(themeKey(a), themeKey(b)) || compareText(a, b));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
