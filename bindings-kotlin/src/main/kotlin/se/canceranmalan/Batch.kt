package se.canceranmalan

import java.nio.ByteBuffer
import java.nio.CharBuffer
import java.nio.charset.CodingErrorAction

/**
 * Validates many reports given as wire-format JSON texts in one call (one crossing of the FFI
 * for the batch, not one per report), with one context; the results in input order. For batch
 * jobs on the JVM (Spark or Flink UDFs over partitions). A text that is not a JSON object gets
 * its `error` (the one [validateJson] raises) and the batch goes on.
 *
 * The texts are encoded to UTF-8 here, by the JVM's own encoder, and cross as one byte array.
 * A call goes on with the native validator of the same thread's last call where the options
 * are the same, as a kept [BatchValidator] does: what it learnt of the rules that read a few
 * values only (TNM, codes, site) speeds the next batch up. The results are the same either
 * way, and what a thread keeps is bounded.
 *
 * @throws java.nio.charset.CharacterCodingException where a text is not well-formed UTF-16
 *   (it holds a lone surrogate, which UTF-8 cannot carry), as [validateJson] does.
 * @throws IllegalArgumentException where the batch's texts exceed 2 GiB together (split it).
 */
fun validateMany(
    jsonReports: List<String>,
    options: ValidationOptions,
): List<ReportIssues> = validateManyUtf8(pack(jsonReports), options)

/**
 * A validator kept from one batch to the next, for a job that validates many batches with the
 * same options (a Spark or Flink task: one per partition or per worker). [validateMany] gives
 * what the function [se.canceranmalan.validateMany] gives; a kept validator also keeps, for
 * rules that read a few values only (TNM, codes, site), the results for values it has met, so
 * later batches go faster. Close it (or use `use {}`) to free its native memory at once.
 *
 * ```
 * BatchValidator(ValidationOptions()).use { validator ->
 *     for (batch in batches) println(validator.validateMany(batch).count { it.issues.isNotEmpty() })
 * }
 * ```
 *
 * @throws CanceranmalanException.Options for an unknown rule ID in the options.
 */
class BatchValidator(
    options: ValidationOptions,
) : AutoCloseable {
    private val native = NativeBatchValidator(options)

    /** The results of a batch, in input order; as [se.canceranmalan.validateMany]. */
    fun validateMany(jsonReports: List<String>): List<ReportIssues> = native.validateManyUtf8(pack(jsonReports))

    override fun close() = native.close()
}

/** The texts in UTF-8, each after its length in bytes (four bytes, big-endian). */
private fun pack(jsonReports: List<String>): ByteArray {
    val encoded = ArrayList<ByteArray>(jsonReports.size)
    var total = 0L
    for (text in jsonReports) {
        val bytes = utf8(text)
        encoded.add(bytes)
        total += 4 + bytes.size
    }
    require(total <= Int.MAX_VALUE) { "validateMany: the texts exceed 2 GiB together; split the batch" }
    val packed = ByteBuffer.allocate(total.toInt())
    for (bytes in encoded) {
        packed.putInt(bytes.size)
        packed.put(bytes)
    }
    return packed.array()
}

/** UTF-8 of a text; a lone surrogate is a CharacterCodingException (String.toByteArray would write '?'). */
private fun utf8(text: String): ByteArray {
    if (!hasSurrogate(text)) return text.toByteArray(Charsets.UTF_8)
    val encoded =
        Charsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .encode(CharBuffer.wrap(text))
    return ByteArray(encoded.remaining()).also { encoded.get(it) }
}

/**
 * True when the text holds a surrogate. An indexed loop: `CharSequence.none` steps through an
 * iterator, which cost about 500 ns a report text, three times `toByteArray`'s own; this loop
 * is lost in the noise of `toByteArray` (200,000 texts of the benchmark corpus, one core).
 */
private fun hasSurrogate(text: String): Boolean {
    for (i in 0 until text.length) {
        if (text[i].isSurrogate()) return true
    }
    return false
}
