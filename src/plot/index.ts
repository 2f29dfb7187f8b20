/** The `plot` namespace (filled in by the figures issue). */
export {};
