// Validates the sample reports from Kotlin and prints the issues.
// Run (from bindings-kotlin/): mvn -q test-compile exec:java -Dexec.classpathScope=test \
//   -Dexec.mainClass=se.canceranmalan.ValidateSamplesKt -Dexec.args=../examples/reports
package se.canceranmalan

import java.io.File
import java.time.LocalDate

fun main(args: Array<String>) {
    val dir = File(args.firstOrNull() ?: "examples/reports")
    val options = ValidationOptions(today = LocalDate.now(), lang = Lang.SV)
    for (file in dir.listFiles { f -> f.name.endsWith(".json") }!!.sortedBy { it.name }) {
        val issues = validateJson(file.readText(), options)
        println("${file.name}: ${issues.size} issue(s)")
        for (issue in issues) {
            println("  ${issue.severity.name.lowercase().padEnd(7)} ${issue.ruleId.padEnd(24)} ${issue.message}")
        }
    }
    // A typed report; its toString() masks the personal identity number.
    val report = Report(personalId = PersonalIdText("19640823-3234"), partial = true, comment = "Komplettering")
    println("\n$report")
}
