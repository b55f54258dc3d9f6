<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
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
