/** Chart colours that follow the book's light and dark themes (Starlight's variables). */
export interface ChartTheme {
  text: string;
  grid: string;
  /** Blue, orange, green: distinguishable with common colour-vision deficiencies. */
  series: readonly [string, string, string];
}

export function chartTheme(el: Element): ChartTheme {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--sl-color-gray-2', '#555'),
    grid: v('--sl-color-gray-5', '#ddd'),
    series: ['#3b82f6', '#f97316', '#22a06b'],
  };
}
