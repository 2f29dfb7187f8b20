/** The `tensor` namespace of the Whetstone toolkit (filled in by its issue). */
export {};
