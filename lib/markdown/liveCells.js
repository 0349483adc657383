// Placeholder until the live-cells work lands: passes markdown through unchanged.
export function liveCellsPlugin(md) {
  return md;
}
