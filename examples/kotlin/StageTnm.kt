package se.canceranmalan

import java.io.File

/**
 * Reads the real-looking TNM statements in examples/tnm-samples.tsv and prints, for each, the
 * canonical form, the issues and the stage with its explanation.
 */
object StageTnm {
    @JvmStatic
    fun main(args: Array<String>) {
        val lang = if ("sv" in args) Lang.SV else Lang.EN
        val file = File(args.firstOrNull { it.endsWith(".tsv") } ?: "examples/tnm-samples.tsv")
        for (line in file.readLines()) {
            if (line.isBlank() || line.startsWith("#")) continue
            val (icd10, edition, text) = line.split("\t", limit = 3)
            val site = icd10.takeIf { it != "-" }
            val uicc = edition.toUByte()
            println("$text   [${site ?: "no site"}, UICC $edition]")
            val tnm =
                try {
                    parseTnm(text, TnmOptions(icd10 = site, edition = uicc, lang = lang))
                } catch (e: CanceranmalanException.Tnm) {
                    println("  not TNM: ${e.detail}\n")
                    continue
                }
            println("  canonical: ${tnm.canonical}   basis: ${tnm.basis?.name?.lowercase() ?: "—"}")
            for (i in tnm.issues) println("  ${i.severity.name.lowercase().padEnd(7)} ${i.ruleId.padEnd(20)} ${i.message}")
            if (site == null) {
                println()
                continue
            }

            fun category(c: TnmCategory?) = c?.let { it.prefixes + it.value }
            val s =
                stage(
                    StageInput(
                        icd10 = site,
                        t = category(tnm.t),
                        n = category(tnm.n),
                        m = category(tnm.m),
                        edition = uicc,
                        s = tnm.descriptors.firstOrNull { it.startsWith("S") },
                        lang = lang,
                    ),
                )
            println(if (s.group != null) "  stage ${s.group}" else "  no stage; missing: ${s.missing.joinToString(", ")}")
            println("  ${s.explanation}\n")
        }
    }
}
