package example

import se.canceranmalan.Lang
import se.canceranmalan.ValidationOptions
import se.canceranmalan.formDefinition
import se.canceranmalan.validateJson
import java.time.LocalDate

/** Validates one report with the library from its jar (the native library inside it). */
fun main() {
    val issues =
        validateJson(
            """{"partial": true, "t": "T2"}""",
            ValidationOptions(today = LocalDate.parse("2025-06-01"), lang = Lang.EN),
        )
    println(issues.joinToString(",") { it.ruleId })
    println(if (formDefinition(Lang.SV).contains("\"key\":\"diagnosis_date\"")) "form ok" else "form missing")
}
