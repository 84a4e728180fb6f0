package se.canceranmalan

import java.io.File
import java.sql.Connection
import java.sql.DriverManager

/**
 * Keeps the events of INCA cases (ärenden) in an embedded database (H2, through plain JDBC),
 * reloads them and replays the cases. The library has no database and no clock: the host
 * stores each event's JSON and gives every time and actor.
 *
 * Run with an H2 URL, e.g. `jdbc:h2:mem:cases` (the default) or `jdbc:h2:./cases`.
 */
object CaseStore {
    private const val SCHEMA =
        """CREATE TABLE IF NOT EXISTS case_event (
             case_id VARCHAR(200) NOT NULL,
             seq     INT NOT NULL,
             at      VARCHAR(40) NOT NULL,
             action  VARCHAR(40) NOT NULL,
             event   CLOB NOT NULL,
             PRIMARY KEY (case_id, seq))"""

    /** Appends the case's events that the database does not hold yet; returns the case. */
    fun store(
        db: Connection,
        case: Case,
    ): Case {
        val known =
            db.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM case_event WHERE case_id = ?").use { q ->
                q.setString(1, case.id())
                q.executeQuery().use { r -> r.next().let { r.getInt(1) } }
            }
        db.prepareStatement("INSERT INTO case_event VALUES (?, ?, ?, ?, ?)").use { insert ->
            for (event in case.events().drop(known)) {
                insert.setString(1, event.caseId)
                insert.setInt(2, event.seq.toInt())
                insert.setString(3, event.at)
                insert.setString(4, event.action.name.lowercase())
                insert.setString(5, eventToJson(event))
                insert.executeUpdate()
            }
        }
        return case
    }

    /** Every case in the database, replayed from its events. */
    fun load(db: Connection): Map<String, Case> {
        val events = linkedMapOf<String, MutableList<CaseEvent>>()
        db.createStatement().use { s ->
            s.executeQuery("SELECT case_id, event FROM case_event ORDER BY case_id, seq").use { r ->
                while (r.next()) events.getOrPut(r.getString(1)) { mutableListOf() } += eventFromJson(r.getString(2))
            }
        }
        return events.mapValues { (_, list) -> Case.replay(list) }
    }

    /** A small day at a clinic and at RCC, every event stored as it happens. */
    fun aDay(
        db: Connection,
        reports: File,
    ): Map<String, Case> {
        val anna = Actor("anna", "KIR-1", Role.REPORTER)
        val bo = Actor("bo", "KIR-1", Role.REPORTER)
        val rita = Actor("rita", "RCC-SYD", Role.RCC)
        val complete = File(reports, "01-brost-komplett.json").readText()
        val report = reportFromJson(complete)
        val pid = report.personalId!!.value

        val draft = report.copy(morphology = null, primarySite = null, basisOfDiagnosis = null)
        var c1 = store(db, Case.open(draft, anna, "2025-04-01T09:00:00+02:00", id = "c1"))
        c1 = store(db, c1.perform(Action.READY_FOR_APPROVAL, anna, "2025-04-01T09:10:00+02:00"))
        c1 = store(db, c1.perform(Action.ASSIGN, anna, "2025-04-01T09:11:00+02:00", value = "bo"))
        try {
            c1.perform(Action.SEND, bo, "2025-04-01T10:00:00+02:00")
        } catch (e: CanceranmalanException.Transition) {
            println("refused: ${e.reason} (${e.issues.joinToString { it.ruleId }})")
        }
        c1 = store(db, c1.perform(Action.SEND, bo, "2025-04-01T10:05:00+02:00", report = report))
        c1 = store(db, c1.perform(Action.REGISTER, rita, "2025-04-03T13:00:00+02:00"))

        var p1 = store(db, Case.reminder(pid, "KIR-1", rita, "2025-04-02T08:00:00+02:00", id = "p1"))
        p1 = store(db, p1.perform(Action.SET_URGENT, rita, "2025-04-02T08:01:00+02:00", value = "true"))

        val corrected = report.copy(t = "T3")
        var c2 =
            store(
                db,
                c1.correct(corrected, bo, "2025-04-10T11:00:00+02:00", "Rättning: T-kategori ändrad efter eftergranskning", id = "c2"),
            )
        c2 = store(db, c2.perform(Action.SET_FOLLOW_UP, bo, "2025-04-10T11:05:00+02:00", value = "2025-04-12"))
        return listOf(c1, p1, c2).associateBy { it.id() }
    }

    @JvmStatic
    fun main(args: Array<String>) {
        val url = args.firstOrNull { it.startsWith("jdbc:") } ?: "jdbc:h2:mem:cases"
        val reports = File(args.firstOrNull { !it.startsWith("jdbc:") } ?: "examples/reports")
        DriverManager.getConnection(url).use { db ->
            db.createStatement().use { it.execute(SCHEMA) }
            val inMemory = aDay(db, reports)
            val reloaded = load(db)
            check(reloaded == inMemory) { "replay from the database must give the same cases" }
            println("${reloaded.values.sumOf { it.events().size }} events in ${reloaded.size} cases replayed")
            for (case in reloaded.values) {
                val refers = case.refersTo()?.let { " (corrects $it)" } ?: ""
                println("${case.id()}: ${case.state().name.lowercase()}$refers, ${case.events().size} events")
            }
        }
    }
}
