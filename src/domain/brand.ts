// Branded primitives: a SymbolId cannot be passed where a ClientOrderId is expected.
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };
