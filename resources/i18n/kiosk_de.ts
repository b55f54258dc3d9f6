<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>CustomerLink</name>
    <message>
        <source>Customer view</source>
        <translation>Kundenansicht</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Customer&apos;s language: </source>
        <translation>Sprache des Kunden: </translation>
    </message>
    <message>
        <source>The customer screen is not there: the customer&apos;s view is in the desk.</source>
        <translation>Der Kundenbildschirm ist nicht angeschlossen: Die Kundenansicht wird im Schalterfenster gezeigt.</translation>
    </message>
</context>
<context>
    <name>DeskHelp</name>
    <message>
        <source>&lt;h3&gt;Operator desk&lt;/h3&gt;
&lt;p&gt;&lt;b&gt;New verification&lt;/b&gt; (Ctrl+N): type the customer number or case id (optional), tick the
checks, press Start. The customer scans the code shown here (or on the customer screen) with
their phone.&lt;/p&gt;
&lt;p&gt;Several verifications can run at once (at most %1); the list shows each one&apos;s reference,
status, step and time left. Select one to see its code while it runs and its full result once
it is finished.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Copy ids&lt;/b&gt; (Ctrl+C), &lt;b&gt;Copy JSON summary&lt;/b&gt; and &lt;b&gt;Save receipt&lt;/b&gt; record the result
in your own systems. A session that failed can be started again or removed from the list.&lt;/p&gt;
&lt;p&gt;More: docs/DESK.md in the kiosk&apos;s documentation.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Prüfschalter&lt;/h3&gt;
&lt;p&gt;&lt;b&gt;Neue Prüfung&lt;/b&gt; (Strg+N): Kundennummer oder Vorgangsnummer eingeben (optional), die
Prüfungen ankreuzen, Starten drücken. Der Kunde scannt den hier (oder auf dem Kundenbildschirm)
angezeigten Code mit seinem Telefon.&lt;/p&gt;
&lt;p&gt;Mehrere Prüfungen können gleichzeitig laufen (höchstens %1); die Liste zeigt zu jeder die
Referenz, den Status, den Schritt und die verbleibende Zeit. Wählen Sie eine aus, um während
der Prüfung ihren Code und danach ihr vollständiges Ergebnis zu sehen.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;IDs kopieren&lt;/b&gt; (Strg+C), &lt;b&gt;JSON-Zusammenfassung kopieren&lt;/b&gt; und &lt;b&gt;Beleg speichern&lt;/b&gt;
übernehmen das Ergebnis in Ihre eigenen Systeme. Eine fehlgeschlagene Sitzung kann neu
gestartet oder aus der Liste entfernt werden.&lt;/p&gt;
&lt;p&gt;Mehr: docs/DESK.md in der Dokumentation des Terminals.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Quit the desk</source>
        <translation>Schalter beenden</translation>
    </message>
    <message numerus="yes">
        <source>%n verification(s) still running will be stopped. Quit anyway?</source>
        <translation>
            <numerusform>%n laufende Prüfung wird abgebrochen. Trotzdem beenden?</numerusform>
            <numerusform>%n laufende Prüfungen werden abgebrochen. Trotzdem beenden?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeskSessions</name>
    <message>
        <source>The desk is closing.</source>
        <translation>Der Schalter wird geschlossen.</translation>
    </message>
    <message numerus="yes">
        <source>%n verifications are already running, the most the desk follows at once. Wait for one to finish, or cancel one, then start this one.</source>
        <translation>
            <numerusform>Es läuft bereits %n Prüfung, mehr verfolgt der Schalter nicht gleichzeitig. Warten Sie, bis sie endet, oder brechen Sie sie ab, und starten Sie dann diese.</numerusform>
            <numerusform>Es laufen bereits %n Prüfungen, mehr verfolgt der Schalter nicht gleichzeitig. Warten Sie, bis eine endet, oder brechen Sie eine ab, und starten Sie dann diese.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeskTray</name>
    <message>
        <source>Show desk</source>
        <translation>Schalter anzeigen</translation>
    </message>
    <message>
        <source>New verification</source>
        <translation>Neue Prüfung</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Verification desk</source>
        <translation>Prüfschalter</translation>
    </message>
    <message>
        <source>Verification finished</source>
        <translation>Prüfung abgeschlossen</translation>
    </message>
</context>
<context>
    <name>DeskWindow</name>
    <message>
        <source>Unexpected error (logged): %1</source>
        <translation>Unerwarteter Fehler (protokolliert): %1</translation>
    </message>
    <message>
        <source>Verification desk</source>
        <translation>Prüfschalter</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>Kopiert.</translation>
    </message>
    <message>
        <source>&amp;New verification…</source>
        <translation>&amp;Neue Prüfung…</translation>
    </message>
    <message>
        <source>&amp;Save receipt…</source>
        <translation>Beleg &amp;speichern…</translation>
    </message>
    <message>
        <source>&amp;Export summary as JSON…</source>
        <translation>Zusammenfassung als JSON &amp;exportieren…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Copy ids</source>
        <translation>IDs &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;JSON summary</source>
        <translation>&amp;JSON-Zusammenfassung kopieren</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>Show to &amp;customer</source>
        <translation>Dem &amp;Kunden zeigen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message numerus="yes">
        <source>%n verifications are already running, the most the desk follows at once. Wait for one to finish, or cancel one, then start this one.</source>
        <translation>
            <numerusform>Es läuft bereits %n Prüfung, mehr verfolgt der Schalter nicht gleichzeitig. Warten Sie, bis sie endet, oder brechen Sie sie ab, und starten Sie dann diese.</numerusform>
            <numerusform>Es laufen bereits %n Prüfungen, mehr verfolgt der Schalter nicht gleichzeitig. Warten Sie, bis eine endet, oder brechen Sie eine ab, und starten Sie dann diese.</numerusform>
        </translation>
    </message>
    <message>
        <source>Desk full</source>
        <translation>Schalter ausgelastet</translation>
    </message>
    <message>
        <source>Journal: %1</source>
        <translation>Protokoll: %1</translation>
    </message>
    <message>
        <source>Ids copied.</source>
        <translation>IDs kopiert.</translation>
    </message>
    <message>
        <source>JSON summary copied.</source>
        <translation>JSON-Zusammenfassung kopiert.</translation>
    </message>
    <message>
        <source>Save receipt</source>
        <translation>Beleg speichern</translation>
    </message>
    <message>
        <source>The receipt could not be saved: %1</source>
        <translation>Der Beleg konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Receipt saved to %1</source>
        <translation>Beleg gespeichert unter %1</translation>
    </message>
    <message>
        <source>Export summary</source>
        <translation>Zusammenfassung exportieren</translation>
    </message>
    <message>
        <source>The summary could not be saved: %1</source>
        <translation>Die Zusammenfassung konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Desk help</source>
        <translation>Hilfe zum Schalter</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Schalter</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n of at most %1 running</source>
        <translation>
            <numerusform>%n von höchstens %1 läuft</numerusform>
            <numerusform>%n von höchstens %1 laufen</numerusform>
        </translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>wird gesendet…</translation>
    </message>
    <message>
        <source>The hand-off failed: %1</source>
        <translation>Die Übergabe ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
    <message>
        <source>Verification desk: history</source>
        <translation>Prüfschalter: Verlauf</translation>
    </message>
    <message>
        <source>Preferences saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Show to customer</source>
        <translation>Dem Kunden zeigen</translation>
    </message>
    <message>
        <source>Cancel verification</source>
        <translation>Prüfung abbrechen</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>Neu starten</translation>
    </message>
    <message>
        <source>A new verification with the same reference and checks</source>
        <translation>Eine neue Prüfung mit derselben Referenz und denselben Prüfungen</translation>
    </message>
    <message>
        <source>Remove from the list</source>
        <translation>Aus der Liste entfernen</translation>
    </message>
    <message>
        <source>Select a verification in the list to see it.</source>
        <translation>Wählen Sie eine Prüfung in der Liste aus, um sie anzuzeigen.</translation>
    </message>
    <message>
        <source>No verification yet.
File &gt; New verification (Ctrl+N) starts one.</source>
        <translation>Noch keine Prüfung.
Datei &gt; Neue Prüfung (Strg+N) startet eine.</translation>
    </message>
    <message>
        <source>Verification without reference</source>
        <translation>Prüfung ohne Referenz</translation>
    </message>
</context>
<context>
    <name>EndedScreen</name>
    <message>
        <source>Start again</source>
        <translation>Neu starten</translation>
    </message>
    <message>
        <source>Start a new verification</source>
        <translation>Eine neue Prüfung starten</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Done, back to the start</source>
        <translation>Fertig, zurück zum Start</translation>
    </message>
    <message>
        <source>The code expired</source>
        <translation>Der Code ist abgelaufen</translation>
    </message>
    <message>
        <source>Nothing was checked. Start again to get a new code.</source>
        <translation>Es wurde nichts geprüft. Starten Sie neu, um einen neuen Code zu erhalten.</translation>
    </message>
    <message>
        <source>The verification could not be completed</source>
        <translation>Die Prüfung konnte nicht abgeschlossen werden</translation>
    </message>
    <message>
        <source>Something went wrong during the checks. Please try once more.</source>
        <translation>Bei der Prüfung ist etwas schiefgelaufen. Bitte versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <source>The verification was canceled</source>
        <translation>Die Prüfung wurde abgebrochen</translation>
    </message>
    <message>
        <source>It was canceled on the phone. You can start again at any time.</source>
        <translation>Sie wurde auf dem Handy abgebrochen. Sie können jederzeit neu starten.</translation>
    </message>
    <message numerus="yes">
        <source>Back to the start in %n s</source>
        <translation>
            <numerusform>Zurück zum Start in %n Sekunde</numerusform>
            <numerusform>Zurück zum Start in %n Sekunden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorScreen</name>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Back to the start</source>
        <translation>Zurück zum Start</translation>
    </message>
    <message>
        <source>Please try again, or ask a member of staff for help.</source>
        <translation>Bitte versuchen Sie es erneut oder bitten Sie das Personal um Hilfe.</translation>
    </message>
    <message>
        <source>This kiosk needs attention from staff.</source>
        <translation>Dieses Terminal muss vom Personal geprüft werden.</translation>
    </message>
    <message>
        <source>No connection to the verification service</source>
        <translation>Keine Verbindung zum Prüfdienst</translation>
    </message>
    <message>
        <source>Staff: check the network and the backend address.</source>
        <translation>Personal: Netzwerk und Serveradresse prüfen.</translation>
    </message>
    <message>
        <source>This kiosk is not set up correctly</source>
        <translation>Dieses Terminal ist nicht richtig eingerichtet</translation>
    </message>
    <message>
        <source>Staff: the service refused the APP-ID / APP-KEY. Check the credentials.</source>
        <translation>Personal: Der Dienst hat APP-ID / APP-KEY abgelehnt. Zugangsdaten prüfen.</translation>
    </message>
    <message>
        <source>Staff: the service rejected the request. Check scopes, TTL and URLs.</source>
        <translation>Personal: Der Dienst hat die Anfrage abgelehnt. Scopes, TTL und URLs prüfen.</translation>
    </message>
    <message>
        <source>The verification service sent an answer we cannot read</source>
        <translation>Der Prüfdienst hat eine unlesbare Antwort gesendet</translation>
    </message>
    <message>
        <source>Staff: check that the backend address points at the Verification Link API.</source>
        <translation>Personal: Prüfen, ob die Serveradresse auf die Verification-Link-API zeigt.</translation>
    </message>
    <message>
        <source>The verification link was blocked</source>
        <translation>Der Prüflink wurde blockiert</translation>
    </message>
    <message>
        <source>Staff: the service returned a link to an unexpected host; it was not shown.</source>
        <translation>Personal: Der Dienst lieferte einen Link zu einem unerwarteten Host; er wurde nicht angezeigt.</translation>
    </message>
    <message>
        <source>The verification was lost</source>
        <translation>Die Prüfung ging verloren</translation>
    </message>
    <message>
        <source>Staff: the service no longer knows this session.</source>
        <translation>Personal: Der Dienst kennt diese Sitzung nicht mehr.</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Etwas ist schiefgelaufen</translation>
    </message>
    <message>
        <source>Staff: an unexpected error occurred; see the log.</source>
        <translation>Personal: Ein unerwarteter Fehler ist aufgetreten; siehe Protokoll.</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>Passed</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <source>Not passed</source>
        <translation>Nicht bestanden</translation>
    </message>
    <message>
        <source>Failed (service)</source>
        <translation>Fehlgeschlagen (Dienst)</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Cancelled by the customer</source>
        <translation>Vom Kunden abgebrochen</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Unfinished</source>
        <translation>Nicht abgeschlossen</translation>
    </message>
    <message>
        <source>Cancelled by staff</source>
        <translation>Vom Personal abgebrochen</translation>
    </message>
    <message>
        <source>Walked away</source>
        <translation>Kunde gegangen</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Unterbrochen</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Prüfungen</translation>
    </message>
    <message>
        <source>Session id</source>
        <translation>Sitzungs-ID</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Gründe</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Search a reference or a session id</source>
        <translation>Referenz oder Sitzungs-ID suchen</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>Alle Ergebnisse</translation>
    </message>
    <message>
        <source>Between</source>
        <translation>Zwischen</translation>
    </message>
    <message>
        <source>Only the sessions started between these days (included)</source>
        <translation>Nur die zwischen diesen Tagen (einschließlich) begonnenen Sitzungen</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Erster Tag</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Save the sessions shown as a CSV file</source>
        <translation>Die angezeigten Sitzungen als CSV-Datei speichern</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sitzungen</translation>
    </message>
    <message>
        <source>Session details</source>
        <translation>Sitzungsdetails</translation>
    </message>
    <message>
        <source>Select a session to read its full reasons.</source>
        <translation>Wählen Sie eine Sitzung aus, um alle Gründe zu lesen.</translation>
    </message>
    <message>
        <source>Sessions shown</source>
        <translation>Angezeigte Sitzungen</translation>
    </message>
    <message>
        <source>Copy the session&apos;s ids</source>
        <translation>IDs der Sitzung kopieren</translation>
    </message>
    <message>
        <source>No journal: sessions are not recorded.</source>
        <translation>Kein Protokoll: Sitzungen werden nicht aufgezeichnet.</translation>
    </message>
    <message>
        <source>The newest {n} sessions that match; narrow the search for older ones.</source>
        <translation>Die neuesten {n} passenden Sitzungen; grenzen Sie die Suche für ältere ein.</translation>
    </message>
    <message numerus="yes">
        <source>%n sessions.</source>
        <translation>
            <numerusform>%n Sitzung.</numerusform>
            <numerusform>%n Sitzungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>The journal cannot be read: {error}</source>
        <translation>Das Protokoll kann nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <source>Reference: {value}</source>
        <translation>Referenz: {value}</translation>
    </message>
    <message>
        <source>Outcome: {value}</source>
        <translation>Ergebnis: {value}</translation>
    </message>
    <message>
        <source>Started: {value}</source>
        <translation>Begonnen: {value}</translation>
    </message>
    <message>
        <source>Ended: {value}</source>
        <translation>Beendet: {value}</translation>
    </message>
    <message>
        <source>Checks: {value}</source>
        <translation>Prüfungen: {value}</translation>
    </message>
    <message>
        <source>Scores: liveness {l}, deepfake {d}, face match {s}</source>
        <translation>Werte: Lebenderkennung {l}, Deepfake {d}, Gesichtsabgleich {s}</translation>
    </message>
    <message>
        <source>Session id: {value}</source>
        <translation>Sitzungs-ID: {value}</translation>
    </message>
    <message>
        <source>Matched template: {value}</source>
        <translation>Gefundene Vorlage: {value}</translation>
    </message>
    <message>
        <source>Enrolled template: {value}</source>
        <translation>Registrierte Vorlage: {value}</translation>
    </message>
    <message>
        <source>Reasons:</source>
        <translation>Gründe:</translation>
    </message>
    <message>
        <source>Error: {value}</source>
        <translation>Fehler: {value}</translation>
    </message>
    <message>
        <source>Export the sessions shown</source>
        <translation>Angezeigte Sitzungen exportieren</translation>
    </message>
    <message>
        <source>Not exported: {error}</source>
        <translation>Nicht exportiert: {error}</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n sessions to {path}.</source>
        <translation>
            <numerusform>%n Sitzung nach {path} exportiert.</numerusform>
            <numerusform>%n Sitzungen nach {path} exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>the journal could not be read (%1)</source>
        <translation>das Protokoll konnte nicht gelesen werden (%1)</translation>
    </message>
</context>
<context>
    <name>IdleScreen</name>
    <message>
        <source>Verify your identity</source>
        <translation>Bestätigen Sie Ihre Identität</translation>
    </message>
    <message>
        <source>Scan a code with your phone and take a selfie. It takes about a minute.</source>
        <translation>Scannen Sie einen Code mit Ihrem Handy und machen Sie ein Selfie. Das dauert etwa eine Minute.</translation>
    </message>
    <message>
        <source>Start verification</source>
        <translation>Prüfung starten</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Face verification</source>
        <translation>Gesichtsprüfung</translation>
    </message>
    <message>
        <source>SANDBOX</source>
        <translation>TESTUMGEBUNG</translation>
    </message>
    <message>
        <source>Demo server: no real identity check is made</source>
        <translation>Demo-Server: Es findet keine echte Identitätsprüfung statt</translation>
    </message>
    <message>
        <source>Sandbox mode: demo server</source>
        <translation>Testmodus: Demo-Server</translation>
    </message>
    <message>
        <source>Connection problem — retrying…</source>
        <translation>Verbindungsproblem – neuer Versuch…</translation>
    </message>
    <message>
        <source>Connection problem, retrying</source>
        <translation>Verbindungsproblem, neuer Versuch</translation>
    </message>
</context>
<context>
    <name>NewSessionDialog</name>
    <message>
        <source>New verification</source>
        <translation>Neue Prüfung</translation>
    </message>
    <message>
        <source>Customer number or case id (optional)</source>
        <translation>Kundennummer oder Vorgangsnummer (optional)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Reference:</source>
        <translation>Referenz:</translation>
    </message>
    <message>
        <source>Checks:</source>
        <translation>Prüfungen:</translation>
    </message>
    <message numerus="yes">
        <source>The reference is %n characters long; use at most %1.</source>
        <translation>
            <numerusform>Die Referenz ist %n Zeichen lang; höchstens %1 sind erlaubt.</numerusform>
            <numerusform>Die Referenz ist %n Zeichen lang; höchstens %1 sind erlaubt.</numerusform>
        </translation>
    </message>
    <message>
        <source>The reference holds a character that cannot be shown (U+%1), often pasted along with it; type the reference again.</source>
        <translation>Die Referenz enthält ein nicht darstellbares Zeichen (U+%1), oft beim Einfügen mitkopiert; geben Sie die Referenz erneut ein.</translation>
    </message>
    <message>
        <source>Tick at least one check.</source>
        <translation>Kreuzen Sie mindestens eine Prüfung an.</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Desk preferences</source>
        <translation>Einstellungen des Schalters</translation>
    </message>
    <message>
        <source>Customer screen</source>
        <translation>Kundenbildschirm</translation>
    </message>
    <message>
        <source>Hand-off command</source>
        <translation>Übergabebefehl</translation>
    </message>
    <message>
        <source>Hand-off URL</source>
        <translation>Übergabe-URL</translation>
    </message>
    <message>
        <source>Hand-off timeout (s)</source>
        <translation>Zeitlimit der Übergabe (s)</translation>
    </message>
    <message>
        <source>Hand-off retries</source>
        <translation>Übergabe-Wiederholungen</translation>
    </message>
    <message>
        <source>empty: none</source>
        <translation>leer: keine</translation>
    </message>
    <message>
        <source>None: the desk shows the code</source>
        <translation>Keiner: Der Schalter zeigt den Code</translation>
    </message>
    <message>
        <source>{number}: {name} ({width}×{height})</source>
        <translation>{number}: {name} ({width}×{height})</translation>
    </message>
    <message>
        <source>{screen}, the desk window&apos;s screen</source>
        <translation>{screen}, Bildschirm des Schalterfensters</translation>
    </message>
    <message>
        <source>{screen} (not connected)</source>
        <translation>{screen} (nicht angeschlossen)</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>Nicht gespeichert: {error}</translation>
    </message>
</context>
<context>
    <name>ProgressScreen</name>
    <message>
        <source>Follow the steps on your phone</source>
        <translation>Folgen Sie den Schritten auf Ihrem Handy</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel verification</source>
        <translation>Prüfung abbrechen</translation>
    </message>
    <message>
        <source>Follow the steps on your phone: getting started</source>
        <translation>Folgen Sie den Schritten auf Ihrem Handy: Start</translation>
    </message>
    <message>
        <source>Follow the steps on your phone: {step}</source>
        <translation>Folgen Sie den Schritten auf Ihrem Handy: {step}</translation>
    </message>
    <message>
        <source>Keep your phone open until it says you are done.</source>
        <translation>Lassen Sie die Seite auf Ihrem Handy offen, bis sie meldet, dass Sie fertig sind.</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>to do</source>
        <translation>ausstehend</translation>
    </message>
</context>
<context>
    <name>QrScreen</name>
    <message>
        <source>QR code to scan with your phone</source>
        <translation>QR-Code zum Scannen mit Ihrem Handy</translation>
    </message>
    <message>
        <source>Scan this code with your phone&apos;s camera</source>
        <translation>Scannen Sie diesen Code mit der Kamera Ihres Handys</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel verification</source>
        <translation>Prüfung abbrechen</translation>
    </message>
    <message>
        <source>Continue on this device</source>
        <translation>Auf diesem Gerät fortfahren</translation>
    </message>
    <message>
        <source>Continue the verification on this device</source>
        <translation>Die Prüfung auf diesem Gerät fortsetzen</translation>
    </message>
    <message>
        <source>Link opens {host}</source>
        <translation>Der Link öffnet {host}</translation>
    </message>
    <message>
        <source>This code expires in {time}</source>
        <translation>Dieser Code läuft ab in {time}</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Session id</source>
        <translation>Sitzungs-ID</translation>
    </message>
    <message>
        <source>Matched template id</source>
        <translation>ID der gefundenen Vorlage</translation>
    </message>
    <message>
        <source>Enrolled template id</source>
        <translation>ID der registrierten Vorlage</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Server status</source>
        <translation>Serverstatus</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Schalter</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Gründe</translation>
    </message>
    <message>
        <source>Quality advice</source>
        <translation>Hinweise zur Qualität</translation>
    </message>
    <message>
        <source>PASS: identity verified</source>
        <translation>BESTANDEN: Identität bestätigt</translation>
    </message>
    <message>
        <source>FAIL: identity not verified</source>
        <translation>NICHT BESTANDEN: Identität nicht bestätigt</translation>
    </message>
    <message>
        <source>Ended: the link expired</source>
        <translation>Beendet: Der Link ist abgelaufen</translation>
    </message>
    <message>
        <source>Ended: canceled by the customer</source>
        <translation>Beendet: vom Kunden abgebrochen</translation>
    </message>
    <message>
        <source>Ended: the verification failed</source>
        <translation>Beendet: Die Prüfung ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>Ended: the desk could not get an answer</source>
        <translation>Beendet: Der Schalter hat keine Antwort erhalten</translation>
    </message>
    <message>
        <source>Not finished</source>
        <translation>Nicht abgeschlossen</translation>
    </message>
    <message>
        <source>Printed %1</source>
        <translation>Gedruckt am %1</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwellenwert</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>nicht bestanden</translation>
    </message>
    <message>
        <source>-</source>
        <translation>-</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Prüfungen</translation>
    </message>
    <message>
        <source>Liveness</source>
        <translation>Lebenderkennung</translation>
    </message>
    <message>
        <source>Deepfake</source>
        <translation>Deepfake</translation>
    </message>
    <message>
        <source>Enrolment</source>
        <translation>Registrierung</translation>
    </message>
    <message>
        <source>Face match</source>
        <translation>Gesichtsabgleich</translation>
    </message>
    <message>
        <source>vendor&apos;s own pass flag</source>
        <translation>eigenes Bestanden-Kennzeichen des Anbieters</translation>
    </message>
    <message>
        <source>at least %1 and the vendor&apos;s pass flag</source>
        <translation>mindestens %1 und Bestanden-Kennzeichen des Anbieters</translation>
    </message>
    <message>
        <source>at least %1</source>
        <translation>mindestens %1</translation>
    </message>
    <message>
        <source>a template is created</source>
        <translation>eine Vorlage wird erstellt</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Identity verification receipt</source>
        <translation>Beleg der Identitätsprüfung</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Done, back to the start</source>
        <translation>Fertig, zurück zum Start</translation>
    </message>
    <message>
        <source>✓ PASS</source>
        <translation>✓ BESTANDEN</translation>
    </message>
    <message>
        <source>Your identity was verified.</source>
        <translation>Ihre Identität wurde bestätigt.</translation>
    </message>
    <message>
        <source>✕ FAIL</source>
        <translation>✕ NICHT BESTANDEN</translation>
    </message>
    <message>
        <source>We could not verify your identity.</source>
        <translation>Wir konnten Ihre Identität nicht bestätigen.</translation>
    </message>
    <message>
        <source>✓ passed</source>
        <translation>✓ bestanden</translation>
    </message>
    <message>
        <source>✕ failed</source>
        <translation>✕ nicht bestanden</translation>
    </message>
    <message>
        <source>Tip: {advice}</source>
        <translation>Tipp: {advice}</translation>
    </message>
    <message numerus="yes">
        <source>Back to the start in %n s</source>
        <translation>
            <numerusform>Zurück zum Start in %n Sekunde</numerusform>
            <numerusform>Zurück zum Start in %n Sekunden</numerusform>
        </translation>
    </message>
    <message>
        <source>similarity {score} (needs {threshold})</source>
        <translation>Ähnlichkeit {score} (benötigt {threshold})</translation>
    </message>
    <message>
        <source>score {score}</source>
        <translation>Wert {score}</translation>
    </message>
</context>
<context>
    <name>ResultView</name>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwellenwert</translation>
    </message>
    <message>
        <source>Copy ids</source>
        <translation>IDs kopieren</translation>
    </message>
    <message>
        <source>Copy JSON summary</source>
        <translation>JSON-Zusammenfassung kopieren</translation>
    </message>
    <message>
        <source>Save receipt (PDF)…</source>
        <translation>Beleg speichern (PDF)…</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Gründe</translation>
    </message>
    <message>
        <source>Quality advice</source>
        <translation>Hinweise zur Qualität</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>BESTANDEN</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>NICHT BESTANDEN</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>Keine.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Reference:</source>
        <translation>Referenz:</translation>
    </message>
    <message>
        <source>Session id:</source>
        <translation>Sitzungs-ID:</translation>
    </message>
    <message>
        <source>Search template id:</source>
        <translation>ID der Suchvorlage:</translation>
    </message>
    <message>
        <source>Enrolled template id:</source>
        <translation>ID der registrierten Vorlage:</translation>
    </message>
    <message>
        <source>Started:</source>
        <translation>Begonnen:</translation>
    </message>
    <message>
        <source>Ended:</source>
        <translation>Beendet:</translation>
    </message>
    <message>
        <source>Server status:</source>
        <translation>Serverstatus:</translation>
    </message>
    <message>
        <source>Hand-off: %1</source>
        <translation>Übergabe: %1</translation>
    </message>
    <message>
        <source>not judged</source>
        <translation>nicht bewertet</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>nicht bestanden</translation>
    </message>
    <message>
        <source>the vendor&apos;s own pass flag</source>
        <translation>das eigene Bestanden-Kennzeichen des Anbieters</translation>
    </message>
    <message>
        <source>the vendor&apos;s flag and at least %1</source>
        <translation>das Kennzeichen des Anbieters und mindestens %1</translation>
    </message>
    <message>
        <source>a template was created</source>
        <translation>eine Vorlage wurde erstellt</translation>
    </message>
    <message>
        <source>at least %1</source>
        <translation>mindestens %1</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Unfinished</source>
        <translation>Nicht abgeschlossen</translation>
    </message>
</context>
<context>
    <name>SessionTableModel</name>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <source>Hand-off</source>
        <translation>Übergabe</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>BESTANDEN</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>NICHT BESTANDEN</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>Waiting for the scan</source>
        <translation>Warten auf den Scan</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source> (connection problem, retrying)</source>
        <translation> (Verbindungsproblem, neuer Versuch)</translation>
    </message>
    <message>
        <source>Cancelled at the desk</source>
        <translation>Am Schalter abgebrochen</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Cancelled on the phone</source>
        <translation>Am Telefon abgebrochen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Error: %1 (retry or close)</source>
        <translation>Fehler: %1 (neu starten oder entfernen)</translation>
    </message>
    <message>
        <source>no connection to the server</source>
        <translation>keine Verbindung zum Server</translation>
    </message>
    <message>
        <source>the server refused the credentials</source>
        <translation>der Server hat die Zugangsdaten abgelehnt</translation>
    </message>
    <message>
        <source>the server refused the request</source>
        <translation>der Server hat die Anfrage abgelehnt</translation>
    </message>
    <message>
        <source>the server&apos;s answer could not be read</source>
        <translation>die Antwort des Servers war nicht lesbar</translation>
    </message>
    <message>
        <source>the session link points at an untrusted site</source>
        <translation>der Sitzungslink führt zu einer nicht vertrauenswürdigen Seite</translation>
    </message>
    <message>
        <source>the server lost the session</source>
        <translation>der Server hat die Sitzung verloren</translation>
    </message>
    <message>
        <source>an unexpected error</source>
        <translation>ein unerwarteter Fehler</translation>
    </message>
    <message>
        <source>next step</source>
        <translation>nächster Schritt</translation>
    </message>
</context>
<context>
    <name>StartingScreen</name>
    <message>
        <source>Preparing your code…</source>
        <translation>Ihr Code wird vorbereitet…</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>Wird vorbereitet</translation>
    </message>
</context>
<context>
    <name>names</name>
    <message>
        <source>Liveness</source>
        <translation>Lebenderkennung</translation>
    </message>
    <message>
        <source>Deepfake</source>
        <translation>Deepfake</translation>
    </message>
    <message>
        <source>Face match</source>
        <translation>Gesichtsabgleich</translation>
    </message>
    <message>
        <source>Enrolment</source>
        <translation>Registrierung</translation>
    </message>
    <message>
        <source>liveness check</source>
        <translation>Lebenderkennung</translation>
    </message>
    <message>
        <source>genuine photo check</source>
        <translation>Echtheitsprüfung des Fotos</translation>
    </message>
    <message>
        <source>saving your face</source>
        <translation>Speichern Ihres Gesichts</translation>
    </message>
    <message>
        <source>face match</source>
        <translation>Gesichtsabgleich</translation>
    </message>
    <message>
        <source>next step</source>
        <translation>nächster Schritt</translation>
    </message>
</context>
<context>
    <name>reasons</name>
    <message>
        <source>Liveness check</source>
        <translation>Lebenderkennung</translation>
    </message>
    <message>
        <source>Deepfake check</source>
        <translation>Deepfake-Prüfung</translation>
    </message>
    <message>
        <source>The verification could not be completed.</source>
        <translation>Die Prüfung konnte nicht abgeschlossen werden.</translation>
    </message>
    <message>
        <source>The verification link expired before it was completed.</source>
        <translation>Der Prüflink ist abgelaufen, bevor die Prüfung abgeschlossen war.</translation>
    </message>
    <message>
        <source>The verification was canceled.</source>
        <translation>Die Prüfung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>No checks were requested, so nothing was verified.</source>
        <translation>Es wurden keine Prüfungen angefordert, daher wurde nichts geprüft.</translation>
    </message>
    <message>
        <source>Face match: the server sent an invalid similarity.</source>
        <translation>Gesichtsabgleich: Der Server hat eine ungültige Ähnlichkeit gesendet.</translation>
    </message>
    <message>
        <source>Face match: no match result was returned.</source>
        <translation>Gesichtsabgleich: Es wurde kein Ergebnis geliefert.</translation>
    </message>
    <message>
        <source>Face match: no enrolled face was identified.</source>
        <translation>Gesichtsabgleich: Es wurde kein registriertes Gesicht erkannt.</translation>
    </message>
    <message>
        <source>Enrolment: no face template was created.</source>
        <translation>Registrierung: Es wurde keine Gesichtsvorlage erstellt.</translation>
    </message>
    <message>
        <source>The photo was blurry.</source>
        <translation>Das Foto war unscharf.</translation>
    </message>
    <message>
        <source>There was glare or flare on the photo.</source>
        <translation>Auf dem Foto waren Spiegelungen oder Blendlicht.</translation>
    </message>
    <message>
        <source>The lighting was too dark or too bright.</source>
        <translation>Die Beleuchtung war zu dunkel oder zu hell.</translation>
    </message>
    <message>
        <source>The contrast was poor.</source>
        <translation>Der Kontrast war zu schwach.</translation>
    </message>
    <message>
        <source>Part of the face was covered.</source>
        <translation>Ein Teil des Gesichts war verdeckt.</translation>
    </message>
    <message>
        <source>An eye was closed.</source>
        <translation>Ein Auge war geschlossen.</translation>
    </message>
    <message>
        <source>The expression was not neutral.</source>
        <translation>Der Gesichtsausdruck war nicht neutral.</translation>
    </message>
    <message>
        <source>The photo quality was not ideal.</source>
        <translation>Die Fotoqualität war nicht ideal.</translation>
    </message>
    <message>
        <source>{check}: no result was returned.</source>
        <translation>{check}: Es wurde kein Ergebnis geliefert.</translation>
    </message>
    <message>
        <source>{check}: the server sent an invalid score.</source>
        <translation>{check}: Der Server hat einen ungültigen Wert gesendet.</translation>
    </message>
    <message>
        <source>Liveness check failed: the face did not pass as a live person.</source>
        <translation>Lebenderkennung nicht bestanden: Das Gesicht wurde nicht als lebende Person erkannt.</translation>
    </message>
    <message>
        <source>Deepfake check failed: the image looks manipulated or synthetic.</source>
        <translation>Deepfake-Prüfung nicht bestanden: Das Bild wirkt manipuliert oder künstlich erzeugt.</translation>
    </message>
    <message>
        <source>{check}: no score was given (needs {minimum}).</source>
        <translation>{check}: Es wurde kein Wert geliefert (benötigt {minimum}).</translation>
    </message>
    <message>
        <source>{check}: score {score} is below {minimum}.</source>
        <translation>{check}: Der Wert {score} liegt unter {minimum}.</translation>
    </message>
    <message>
        <source>Face match: similarity {score} is below the threshold {minimum}.</source>
        <translation>Gesichtsabgleich: Die Ähnlichkeit {score} liegt unter dem Schwellenwert {minimum}.</translation>
    </message>
    <message>
        <source>The photo could not be checked: {info} (error {code}).</source>
        <translation>Das Foto konnte nicht geprüft werden: {info} (Fehler {code}).</translation>
    </message>
    <message>
        <source>The photo could not be checked: {info}.</source>
        <translation>Das Foto konnte nicht geprüft werden: {info}.</translation>
    </message>
    <message>
        <source>The session ended with status {status}, not DONE.</source>
        <translation>Die Sitzung endete mit dem Status {status}, nicht DONE.</translation>
    </message>
</context>
</TS>
