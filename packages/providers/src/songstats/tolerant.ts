import { Option, Schema } from "effect"

/**
 * Decoding that keeps what it recognises and never fails a whole answer over one field: the
 * Songstats API is documented only through its SDKs, and its payloads grow fields over time.
 * Both schemas decode their own output unchanged, so a decoded answer can be stored as JSON and
 * decoded again from the cache.
 */

/** An optional field: a value of the wrong type reads as absent instead of failing its object. */
export const lenient = <A, I>(schema: Schema.Schema<A, I>) => {
  const decode = Schema.decodeUnknownOption(schema)
  return Schema.transform(Schema.Unknown, Schema.UndefinedOr(Schema.typeSchema(schema)), {
    strict: true,
    decode: (value) => Option.getOrUndefined(decode(value)),
    encode: (value) => value
  })
}

/** A list whose unreadable items are left out (and anything but a list reads as empty). */
export const tolerantArray = <A, I>(item: Schema.Schema<A, I>) => {
  const decode = Schema.decodeUnknownOption(item)
  return Schema.transform(Schema.Unknown, Schema.Array(Schema.typeSchema(item)), {
    strict: true,
    decode: (value) => (Array.isArray(value) ? value.flatMap((x: unknown) => Option.toArray(decode(x))) : []),
    encode: (items) => items
  })
}

/** An optional, lenient field (`undefined` when absent or unreadable). */
export const optionalField = <A, I>(schema: Schema.Schema<A, I>) => Schema.optional(lenient(schema))

/** A list field, empty when absent; unreadable items are left out. */
export const listField = <A, I>(item: Schema.Schema<A, I>) => Schema.optionalWith(tolerantArray(item), { default: () => [] })
