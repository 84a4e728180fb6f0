package se.canceranmalan

/**
 * Text that holds a personal identity number (personnummer, samordningsnummer, reservnummer)
 * inside a [Report] or [PatientRecord]. [toString] masks it (`19640823-****`), so records can be
 * logged; [value] is the full text.
 */
class PersonalIdText(
    val value: String,
) {
    override fun toString(): String = mask(value)

    override fun equals(other: Any?): Boolean = other is PersonalIdText && other.value == value

    override fun hashCode(): Int = value.hashCode()
}
