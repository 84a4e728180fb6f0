package se.canceranmalan

import java.io.File
import java.time.LocalDate

/**
 * Reports per second for `validateMany` (one FFI crossing per batch) against one
 * `validateJson` call per report, on one thread. A benchmark, not a test: it prints figures.
 *
 * Run from bindings-kotlin after `mvn verify`:
 * `mvn -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=se.canceranmalan.ValidateManyBenchmark
 *  -Dexec.args=../target/bench-reports.ndjson` (JSON lines, e.g. from
 * `python examples/python/synthetic_extract.py`'s `generate`). A second argument `many` times
 * `validateMany` alone, `kept` one [BatchValidator] kept over every batch and round, `single`
 * `validateJson` alone (for a profiler).
 */
object ValidateManyBenchmark {
    @JvmStatic
    fun main(args: Array<String>) {
        val reports = File(args.firstOrNull() ?: "../target/bench-reports.ndjson").readLines().filter { it.isNotBlank() }
        val options = ValidationOptions(today = LocalDate.parse("2025-06-01"))
        val batch = 10_000
        val manyOnly = args.getOrNull(1) == "many"
        val singleOnly = args.getOrNull(1) == "single"
        if (args.getOrNull(1) == "kept") {
            BatchValidator(options).use { validator ->
                repeat(10) { round ->
                    val start = System.nanoTime()
                    var issues = 0
                    for (chunk in reports.chunked(batch)) issues += validator.validateMany(chunk).sumOf { it.issues.size }
                    val perSecond = reports.size * 1e9 / (System.nanoTime() - start)
                    println(
                        "round ${round + 1}: ${reports.size} reports, $issues issues; BatchValidator " +
                            "%.0f reports/s (batches of $batch, one validator kept)".format(perSecond),
                    )
                }
            }
            return
        }
        repeat(if (manyOnly || singleOnly) 10 else 3) { round ->
            var start = System.nanoTime()
            var issues = 0
            if (!singleOnly) for (chunk in reports.chunked(batch)) issues += validateMany(chunk, options).sumOf { it.issues.size }
            val many = System.nanoTime() - start
            start = System.nanoTime()
            if (!manyOnly) for (r in reports) validateJson(r, options)
            val single = System.nanoTime() - start
            val perSecond = { nanos: Long -> reports.size * 1e9 / nanos }
            val line =
                "round ${round + 1}: ${reports.size} reports, $issues issues; validateMany " +
                    "%.0f reports/s (batches of $batch)".format(perSecond(many))
            val also = ", validateJson one by one %.0f reports/s".format(perSecond(single))
            println(if (manyOnly) line else line + also)
        }
    }
}
