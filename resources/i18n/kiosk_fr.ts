<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>CustomerLink</name>
    <message>
        <source>Customer view</source>
        <translation>Vue client</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Customer&apos;s language: </source>
        <translation>Langue du client : </translation>
    </message>
    <message>
        <source>The customer screen is not there: the customer&apos;s view is in the desk.</source>
        <translation>L&apos;écran client n&apos;est pas branché : la vue client s&apos;affiche dans le guichet.</translation>
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
        <translation>&lt;h3&gt;Guichet de vérification&lt;/h3&gt;
&lt;p&gt;&lt;b&gt;Nouvelle vérification&lt;/b&gt; (Ctrl+N) : saisissez le numéro client ou le numéro de
dossier (facultatif), cochez les vérifications, puis appuyez sur Démarrer. Le client scanne
avec son téléphone le code affiché ici (ou sur l&apos;écran client).&lt;/p&gt;
&lt;p&gt;Plusieurs vérifications peuvent être en cours à la fois (%1 au maximum) ; la liste indique
pour chacune la référence, l&apos;état, l&apos;étape et le temps restant. Sélectionnez-en une pour voir
son code pendant qu&apos;elle est en cours et son résultat complet une fois terminée.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Copier les identifiants&lt;/b&gt; (Ctrl+C), &lt;b&gt;Copier le résumé JSON&lt;/b&gt; et &lt;b&gt;Enregistrer le
justificatif&lt;/b&gt; reportent le résultat dans vos propres systèmes. Une session en échec peut
être relancée ou retirée de la liste.&lt;/p&gt;
&lt;p&gt;Pour en savoir plus : docs/DESK.md dans la documentation de la borne.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Quit the desk</source>
        <translation>Quitter le guichet</translation>
    </message>
    <message numerus="yes">
        <source>%n verification(s) still running will be stopped. Quit anyway?</source>
        <translation>
            <numerusform>%n vérification en cours sera arrêtée. Quitter quand même ?</numerusform>
            <numerusform>%n vérifications en cours seront arrêtées. Quitter quand même ?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeskSessions</name>
    <message>
        <source>The desk is closing.</source>
        <translation>Le guichet est en cours de fermeture.</translation>
    </message>
    <message numerus="yes">
        <source>%n verifications are already running, the most the desk follows at once. Wait for one to finish, or cancel one, then start this one.</source>
        <translation>
            <numerusform>%n vérification est déjà en cours, le maximum que le guichet suit à la fois. Attendez qu&apos;elle se termine ou annulez-la, puis lancez celle-ci.</numerusform>
            <numerusform>%n vérifications sont déjà en cours, le maximum que le guichet suit à la fois. Attendez qu&apos;une se termine ou annulez-en une, puis lancez celle-ci.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeskTray</name>
    <message>
        <source>Show desk</source>
        <translation>Afficher le guichet</translation>
    </message>
    <message>
        <source>New verification</source>
        <translation>Nouvelle vérification</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Verification desk</source>
        <translation>Guichet de vérification</translation>
    </message>
    <message>
        <source>Verification finished</source>
        <translation>Vérification terminée</translation>
    </message>
</context>
<context>
    <name>DeskWindow</name>
    <message>
        <source>Unexpected error (logged): %1</source>
        <translation>Erreur inattendue (journalisée) : %1</translation>
    </message>
    <message>
        <source>Verification desk</source>
        <translation>Guichet de vérification</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>Copié.</translation>
    </message>
    <message>
        <source>&amp;New verification…</source>
        <translation>&amp;Nouvelle vérification…</translation>
    </message>
    <message>
        <source>&amp;Save receipt…</source>
        <translation>&amp;Enregistrer le justificatif…</translation>
    </message>
    <message>
        <source>&amp;Export summary as JSON…</source>
        <translation>E&amp;xporter le résumé en JSON…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Copy ids</source>
        <translation>&amp;Copier les identifiants</translation>
    </message>
    <message>
        <source>Copy &amp;JSON summary</source>
        <translation>Copier le résumé &amp;JSON</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Historique</translation>
    </message>
    <message>
        <source>Show to &amp;customer</source>
        <translation>Montrer au &amp;client</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message numerus="yes">
        <source>%n verifications are already running, the most the desk follows at once. Wait for one to finish, or cancel one, then start this one.</source>
        <translation>
            <numerusform>%n vérification est déjà en cours, le maximum que le guichet suit à la fois. Attendez qu&apos;elle se termine ou annulez-la, puis lancez celle-ci.</numerusform>
            <numerusform>%n vérifications sont déjà en cours, le maximum que le guichet suit à la fois. Attendez qu&apos;une se termine ou annulez-en une, puis lancez celle-ci.</numerusform>
        </translation>
    </message>
    <message>
        <source>Desk full</source>
        <translation>Guichet complet</translation>
    </message>
    <message>
        <source>Journal: %1</source>
        <translation>Journal : %1</translation>
    </message>
    <message>
        <source>Ids copied.</source>
        <translation>Identifiants copiés.</translation>
    </message>
    <message>
        <source>JSON summary copied.</source>
        <translation>Résumé JSON copié.</translation>
    </message>
    <message>
        <source>Save receipt</source>
        <translation>Enregistrer le justificatif</translation>
    </message>
    <message>
        <source>The receipt could not be saved: %1</source>
        <translation>Le justificatif n&apos;a pas pu être enregistré : %1</translation>
    </message>
    <message>
        <source>Receipt saved to %1</source>
        <translation>Justificatif enregistré dans %1</translation>
    </message>
    <message>
        <source>Export summary</source>
        <translation>Exporter le résumé</translation>
    </message>
    <message>
        <source>The summary could not be saved: %1</source>
        <translation>Le résumé n&apos;a pas pu être enregistré : %1</translation>
    </message>
    <message>
        <source>Desk help</source>
        <translation>Aide du guichet</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Guichet</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message numerus="yes">
        <source>%n of at most %1 running</source>
        <translation>
            <numerusform>%n en cours sur %1 au maximum</numerusform>
            <numerusform>%n en cours sur %1 au maximum</numerusform>
        </translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>envoi…</translation>
    </message>
    <message>
        <source>The hand-off failed: %1</source>
        <translation>La transmission a échoué : %1</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>transmise</translation>
    </message>
    <message>
        <source>Verification desk: history</source>
        <translation>Guichet de vérification : historique</translation>
    </message>
    <message>
        <source>Preferences saved.</source>
        <translation>Préférences enregistrées.</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Show to customer</source>
        <translation>Montrer au client</translation>
    </message>
    <message>
        <source>Cancel verification</source>
        <translation>Annuler la vérification</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>Recommencer</translation>
    </message>
    <message>
        <source>A new verification with the same reference and checks</source>
        <translation>Une nouvelle vérification avec la même référence et les mêmes contrôles</translation>
    </message>
    <message>
        <source>Remove from the list</source>
        <translation>Retirer de la liste</translation>
    </message>
    <message>
        <source>Select a verification in the list to see it.</source>
        <translation>Sélectionnez une vérification dans la liste pour l&apos;afficher.</translation>
    </message>
    <message>
        <source>No verification yet.
File &gt; New verification (Ctrl+N) starts one.</source>
        <translation>Aucune vérification pour l&apos;instant.
Fichier &gt; Nouvelle vérification (Ctrl+N) en lance une.</translation>
    </message>
    <message>
        <source>Verification without reference</source>
        <translation>Vérification sans référence</translation>
    </message>
</context>
<context>
    <name>EndedScreen</name>
    <message>
        <source>Start again</source>
        <translation>Recommencer</translation>
    </message>
    <message>
        <source>Start a new verification</source>
        <translation>Commencer une nouvelle vérification</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Done, back to the start</source>
        <translation>Terminé, retour à l&apos;accueil</translation>
    </message>
    <message>
        <source>The code expired</source>
        <translation>Le code a expiré</translation>
    </message>
    <message>
        <source>Nothing was checked. Start again to get a new code.</source>
        <translation>Rien n&apos;a été vérifié. Recommencez pour obtenir un nouveau code.</translation>
    </message>
    <message>
        <source>The verification could not be completed</source>
        <translation>La vérification n&apos;a pas pu aboutir</translation>
    </message>
    <message>
        <source>Something went wrong during the checks. Please try once more.</source>
        <translation>Un problème est survenu pendant les vérifications. Veuillez réessayer.</translation>
    </message>
    <message>
        <source>The verification was canceled</source>
        <translation>La vérification a été annulée</translation>
    </message>
    <message>
        <source>It was canceled on the phone. You can start again at any time.</source>
        <translation>Elle a été annulée sur le téléphone. Vous pouvez recommencer à tout moment.</translation>
    </message>
    <message numerus="yes">
        <source>Back to the start in %n s</source>
        <translation>
            <numerusform>Retour à l&apos;accueil dans %n seconde</numerusform>
            <numerusform>Retour à l&apos;accueil dans %n secondes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorScreen</name>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Back to the start</source>
        <translation>Retour à l&apos;accueil</translation>
    </message>
    <message>
        <source>Please try again, or ask a member of staff for help.</source>
        <translation>Veuillez réessayer ou demander de l&apos;aide au personnel.</translation>
    </message>
    <message>
        <source>This kiosk needs attention from staff.</source>
        <translation>Cette borne nécessite l&apos;intervention du personnel.</translation>
    </message>
    <message>
        <source>No connection to the verification service</source>
        <translation>Pas de connexion au service de vérification</translation>
    </message>
    <message>
        <source>Staff: check the network and the backend address.</source>
        <translation>Personnel : vérifiez le réseau et l&apos;adresse du serveur.</translation>
    </message>
    <message>
        <source>This kiosk is not set up correctly</source>
        <translation>Cette borne n&apos;est pas configurée correctement</translation>
    </message>
    <message>
        <source>Staff: the service refused the APP-ID / APP-KEY. Check the credentials.</source>
        <translation>Personnel : le service a refusé l&apos;APP-ID / APP-KEY. Vérifiez les identifiants.</translation>
    </message>
    <message>
        <source>Staff: the service rejected the request. Check scopes, TTL and URLs.</source>
        <translation>Personnel : le service a rejeté la requête. Vérifiez les scopes, le TTL et les URL.</translation>
    </message>
    <message>
        <source>The verification service sent an answer we cannot read</source>
        <translation>Le service de vérification a envoyé une réponse illisible</translation>
    </message>
    <message>
        <source>Staff: check that the backend address points at the Verification Link API.</source>
        <translation>Personnel : vérifiez que l&apos;adresse du serveur pointe vers l&apos;API Verification Link.</translation>
    </message>
    <message>
        <source>The verification link was blocked</source>
        <translation>Le lien de vérification a été bloqué</translation>
    </message>
    <message>
        <source>Staff: the service returned a link to an unexpected host; it was not shown.</source>
        <translation>Personnel : le service a renvoyé un lien vers un hôte inattendu ; il n&apos;a pas été affiché.</translation>
    </message>
    <message>
        <source>The verification was lost</source>
        <translation>La vérification a été perdue</translation>
    </message>
    <message>
        <source>Staff: the service no longer knows this session.</source>
        <translation>Personnel : le service ne connaît plus cette session.</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Un problème est survenu</translation>
    </message>
    <message>
        <source>Staff: an unexpected error occurred; see the log.</source>
        <translation>Personnel : une erreur inattendue s&apos;est produite ; consultez le journal.</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>Passed</source>
        <translation>Réussie</translation>
    </message>
    <message>
        <source>Not passed</source>
        <translation>Non réussie</translation>
    </message>
    <message>
        <source>Failed (service)</source>
        <translation>Échouée (service)</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirée</translation>
    </message>
    <message>
        <source>Cancelled by the customer</source>
        <translation>Annulée par le client</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Unfinished</source>
        <translation>Inachevée</translation>
    </message>
    <message>
        <source>Cancelled by staff</source>
        <translation>Annulée par le personnel</translation>
    </message>
    <message>
        <source>Walked away</source>
        <translation>Client parti</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Interrompue</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Contrôles</translation>
    </message>
    <message>
        <source>Session id</source>
        <translation>ID de session</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Motifs</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Search a reference or a session id</source>
        <translation>Rechercher une référence ou un ID de session</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>Toutes les issues</translation>
    </message>
    <message>
        <source>Between</source>
        <translation>Entre</translation>
    </message>
    <message>
        <source>Only the sessions started between these days (included)</source>
        <translation>Uniquement les sessions commencées entre ces jours (inclus)</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Premier jour</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Dernier jour</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Save the sessions shown as a CSV file</source>
        <translation>Enregistrer les sessions affichées dans un fichier CSV</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>Session details</source>
        <translation>Détails de la session</translation>
    </message>
    <message>
        <source>Select a session to read its full reasons.</source>
        <translation>Sélectionnez une session pour lire tous ses motifs.</translation>
    </message>
    <message>
        <source>Sessions shown</source>
        <translation>Sessions affichées</translation>
    </message>
    <message>
        <source>Copy the session&apos;s ids</source>
        <translation>Copier les identifiants de la session</translation>
    </message>
    <message>
        <source>No journal: sessions are not recorded.</source>
        <translation>Pas de journal : les sessions ne sont pas enregistrées.</translation>
    </message>
    <message>
        <source>The newest {n} sessions that match; narrow the search for older ones.</source>
        <translation>Les {n} sessions correspondantes les plus récentes ; affinez la recherche pour les plus anciennes.</translation>
    </message>
    <message numerus="yes">
        <source>%n sessions.</source>
        <translation>
            <numerusform>%n session.</numerusform>
            <numerusform>%n sessions.</numerusform>
        </translation>
    </message>
    <message>
        <source>The journal cannot be read: {error}</source>
        <translation>Le journal est illisible : {error}</translation>
    </message>
    <message>
        <source>Reference: {value}</source>
        <translation>Référence : {value}</translation>
    </message>
    <message>
        <source>Outcome: {value}</source>
        <translation>Issue : {value}</translation>
    </message>
    <message>
        <source>Started: {value}</source>
        <translation>Début : {value}</translation>
    </message>
    <message>
        <source>Ended: {value}</source>
        <translation>Fin : {value}</translation>
    </message>
    <message>
        <source>Checks: {value}</source>
        <translation>Contrôles : {value}</translation>
    </message>
    <message>
        <source>Scores: liveness {l}, deepfake {d}, face match {s}</source>
        <translation>Scores : détection du vivant {l}, deepfake {d}, correspondance faciale {s}</translation>
    </message>
    <message>
        <source>Session id: {value}</source>
        <translation>ID de session : {value}</translation>
    </message>
    <message>
        <source>Matched template: {value}</source>
        <translation>Modèle correspondant : {value}</translation>
    </message>
    <message>
        <source>Enrolled template: {value}</source>
        <translation>Modèle enregistré : {value}</translation>
    </message>
    <message>
        <source>Reasons:</source>
        <translation>Motifs :</translation>
    </message>
    <message>
        <source>Error: {value}</source>
        <translation>Erreur : {value}</translation>
    </message>
    <message>
        <source>Export the sessions shown</source>
        <translation>Exporter les sessions affichées</translation>
    </message>
    <message>
        <source>Not exported: {error}</source>
        <translation>Non exporté : {error}</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n sessions to {path}.</source>
        <translation>
            <numerusform>%n session exportée vers {path}.</numerusform>
            <numerusform>%n sessions exportées vers {path}.</numerusform>
        </translation>
    </message>
    <message>
        <source>the journal could not be read (%1)</source>
        <translation>le journal n&apos;a pas pu être lu (%1)</translation>
    </message>
</context>
<context>
    <name>IdleScreen</name>
    <message>
        <source>Verify your identity</source>
        <translation>Vérifiez votre identité</translation>
    </message>
    <message>
        <source>Scan a code with your phone and take a selfie. It takes about a minute.</source>
        <translation>Scannez un code avec votre téléphone et prenez un selfie. Cela prend environ une minute.</translation>
    </message>
    <message>
        <source>Start verification</source>
        <translation>Commencer la vérification</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Face verification</source>
        <translation>Vérification faciale</translation>
    </message>
    <message>
        <source>SANDBOX</source>
        <translation>BAC À SABLE</translation>
    </message>
    <message>
        <source>Demo server: no real identity check is made</source>
        <translation>Serveur de démonstration : aucune vérification d&apos;identité réelle n&apos;est effectuée</translation>
    </message>
    <message>
        <source>Sandbox mode: demo server</source>
        <translation>Mode bac à sable : serveur de démonstration</translation>
    </message>
    <message>
        <source>Connection problem — retrying…</source>
        <translation>Problème de connexion — nouvelle tentative…</translation>
    </message>
    <message>
        <source>Connection problem, retrying</source>
        <translation>Problème de connexion, nouvelle tentative</translation>
    </message>
</context>
<context>
    <name>NewSessionDialog</name>
    <message>
        <source>New verification</source>
        <translation>Nouvelle vérification</translation>
    </message>
    <message>
        <source>Customer number or case id (optional)</source>
        <translation>Numéro client ou numéro de dossier (facultatif)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>Reference:</source>
        <translation>Référence :</translation>
    </message>
    <message>
        <source>Checks:</source>
        <translation>Contrôles :</translation>
    </message>
    <message numerus="yes">
        <source>The reference is %n characters long; use at most %1.</source>
        <translation>
            <numerusform>La référence compte %n caractère ; %1 au maximum.</numerusform>
            <numerusform>La référence compte %n caractères ; %1 au maximum.</numerusform>
        </translation>
    </message>
    <message>
        <source>The reference holds a character that cannot be shown (U+%1), often pasted along with it; type the reference again.</source>
        <translation>La référence contient un caractère qui ne peut pas être affiché (U+%1), souvent collé avec elle ; saisissez de nouveau la référence.</translation>
    </message>
    <message>
        <source>Tick at least one check.</source>
        <translation>Cochez au moins un contrôle.</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Desk preferences</source>
        <translation>Préférences du guichet</translation>
    </message>
    <message>
        <source>Customer screen</source>
        <translation>Écran client</translation>
    </message>
    <message>
        <source>Hand-off command</source>
        <translation>Commande de transmission</translation>
    </message>
    <message>
        <source>Hand-off URL</source>
        <translation>URL de transmission</translation>
    </message>
    <message>
        <source>Hand-off timeout (s)</source>
        <translation>Délai de transmission (s)</translation>
    </message>
    <message>
        <source>Hand-off retries</source>
        <translation>Nouvelles tentatives de transmission</translation>
    </message>
    <message>
        <source>empty: none</source>
        <translation>vide : aucune</translation>
    </message>
    <message>
        <source>None: the desk shows the code</source>
        <translation>Aucun : le guichet affiche le code</translation>
    </message>
    <message>
        <source>{number}: {name} ({width}×{height})</source>
        <translation>{number} : {name} ({width}×{height})</translation>
    </message>
    <message>
        <source>{screen}, the desk window&apos;s screen</source>
        <translation>{screen}, l&apos;écran de la fenêtre du guichet</translation>
    </message>
    <message>
        <source>{screen} (not connected)</source>
        <translation>{screen} (non connecté)</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>Non enregistré : {error}</translation>
    </message>
</context>
<context>
    <name>ProgressScreen</name>
    <message>
        <source>Follow the steps on your phone</source>
        <translation>Suivez les étapes sur votre téléphone</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancel verification</source>
        <translation>Annuler la vérification</translation>
    </message>
    <message>
        <source>Follow the steps on your phone: getting started</source>
        <translation>Suivez les étapes sur votre téléphone : démarrage</translation>
    </message>
    <message>
        <source>Follow the steps on your phone: {step}</source>
        <translation>Suivez les étapes sur votre téléphone : {step}</translation>
    </message>
    <message>
        <source>Keep your phone open until it says you are done.</source>
        <translation>Gardez votre téléphone ouvert jusqu&apos;à ce qu&apos;il indique que c&apos;est terminé.</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>now</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>to do</source>
        <translation>à faire</translation>
    </message>
</context>
<context>
    <name>QrScreen</name>
    <message>
        <source>QR code to scan with your phone</source>
        <translation>Code QR à scanner avec votre téléphone</translation>
    </message>
    <message>
        <source>Scan this code with your phone&apos;s camera</source>
        <translation>Scannez ce code avec l&apos;appareil photo de votre téléphone</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancel verification</source>
        <translation>Annuler la vérification</translation>
    </message>
    <message>
        <source>Continue on this device</source>
        <translation>Continuer sur cet appareil</translation>
    </message>
    <message>
        <source>Continue the verification on this device</source>
        <translation>Continuer la vérification sur cet appareil</translation>
    </message>
    <message>
        <source>Link opens {host}</source>
        <translation>Le lien ouvre {host}</translation>
    </message>
    <message>
        <source>This code expires in {time}</source>
        <translation>Ce code expire dans {time}</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>Session id</source>
        <translation>ID de session</translation>
    </message>
    <message>
        <source>Matched template id</source>
        <translation>ID du modèle correspondant</translation>
    </message>
    <message>
        <source>Enrolled template id</source>
        <translation>ID du modèle enregistré</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Server status</source>
        <translation>État du serveur</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Guichet</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Motifs</translation>
    </message>
    <message>
        <source>Quality advice</source>
        <translation>Conseils de qualité</translation>
    </message>
    <message>
        <source>PASS: identity verified</source>
        <translation>RÉUSSIE : identité vérifiée</translation>
    </message>
    <message>
        <source>FAIL: identity not verified</source>
        <translation>ÉCHEC : identité non vérifiée</translation>
    </message>
    <message>
        <source>Ended: the link expired</source>
        <translation>Terminée : le lien a expiré</translation>
    </message>
    <message>
        <source>Ended: canceled by the customer</source>
        <translation>Terminée : annulée par le client</translation>
    </message>
    <message>
        <source>Ended: the verification failed</source>
        <translation>Terminée : la vérification a échoué</translation>
    </message>
    <message>
        <source>Ended: the desk could not get an answer</source>
        <translation>Terminée : le guichet n&apos;a pas obtenu de réponse</translation>
    </message>
    <message>
        <source>Not finished</source>
        <translation>Non terminée</translation>
    </message>
    <message>
        <source>Printed %1</source>
        <translation>Imprimé le %1</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Contrôle</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Seuil</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>réussi</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échoué</translation>
    </message>
    <message>
        <source>-</source>
        <translation>-</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Contrôles</translation>
    </message>
    <message>
        <source>Liveness</source>
        <translation>Détection du vivant</translation>
    </message>
    <message>
        <source>Deepfake</source>
        <translation>Deepfake</translation>
    </message>
    <message>
        <source>Enrolment</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Face match</source>
        <translation>Correspondance faciale</translation>
    </message>
    <message>
        <source>vendor&apos;s own pass flag</source>
        <translation>indicateur de réussite propre au fournisseur</translation>
    </message>
    <message>
        <source>at least %1 and the vendor&apos;s pass flag</source>
        <translation>au moins %1 et l&apos;indicateur de réussite du fournisseur</translation>
    </message>
    <message>
        <source>at least %1</source>
        <translation>au moins %1</translation>
    </message>
    <message>
        <source>a template is created</source>
        <translation>un modèle est créé</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Identity verification receipt</source>
        <translation>Justificatif de vérification d&apos;identité</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Done, back to the start</source>
        <translation>Terminé, retour à l&apos;accueil</translation>
    </message>
    <message>
        <source>✓ PASS</source>
        <translation>✓ VALIDÉ</translation>
    </message>
    <message>
        <source>Your identity was verified.</source>
        <translation>Votre identité a été vérifiée.</translation>
    </message>
    <message>
        <source>✕ FAIL</source>
        <translation>✕ ÉCHEC</translation>
    </message>
    <message>
        <source>We could not verify your identity.</source>
        <translation>Nous n&apos;avons pas pu vérifier votre identité.</translation>
    </message>
    <message>
        <source>✓ passed</source>
        <translation>✓ réussie</translation>
    </message>
    <message>
        <source>✕ failed</source>
        <translation>✕ échouée</translation>
    </message>
    <message>
        <source>Tip: {advice}</source>
        <translation>Conseil : {advice}</translation>
    </message>
    <message numerus="yes">
        <source>Back to the start in %n s</source>
        <translation>
            <numerusform>Retour à l&apos;accueil dans %n seconde</numerusform>
            <numerusform>Retour à l&apos;accueil dans %n secondes</numerusform>
        </translation>
    </message>
    <message>
        <source>similarity {score} (needs {threshold})</source>
        <translation>similarité {score} (minimum {threshold})</translation>
    </message>
    <message>
        <source>score {score}</source>
        <translation>score {score}</translation>
    </message>
</context>
<context>
    <name>ResultView</name>
    <message>
        <source>Check</source>
        <translation>Contrôle</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Seuil</translation>
    </message>
    <message>
        <source>Copy ids</source>
        <translation>Copier les identifiants</translation>
    </message>
    <message>
        <source>Copy JSON summary</source>
        <translation>Copier le résumé JSON</translation>
    </message>
    <message>
        <source>Save receipt (PDF)…</source>
        <translation>Enregistrer le justificatif (PDF)…</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Motifs</translation>
    </message>
    <message>
        <source>Quality advice</source>
        <translation>Conseils de qualité</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>RÉUSSIE</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>ÉCHEC</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>Aucun.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
    <message>
        <source>Reference:</source>
        <translation>Référence :</translation>
    </message>
    <message>
        <source>Session id:</source>
        <translation>ID de session :</translation>
    </message>
    <message>
        <source>Search template id:</source>
        <translation>ID du modèle de recherche :</translation>
    </message>
    <message>
        <source>Enrolled template id:</source>
        <translation>ID du modèle enregistré :</translation>
    </message>
    <message>
        <source>Started:</source>
        <translation>Début :</translation>
    </message>
    <message>
        <source>Ended:</source>
        <translation>Fin :</translation>
    </message>
    <message>
        <source>Server status:</source>
        <translation>État du serveur :</translation>
    </message>
    <message>
        <source>Hand-off: %1</source>
        <translation>Transmission : %1</translation>
    </message>
    <message>
        <source>not judged</source>
        <translation>non évalué</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>réussi</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échoué</translation>
    </message>
    <message>
        <source>the vendor&apos;s own pass flag</source>
        <translation>l&apos;indicateur de réussite propre au fournisseur</translation>
    </message>
    <message>
        <source>the vendor&apos;s flag and at least %1</source>
        <translation>l&apos;indicateur du fournisseur et au moins %1</translation>
    </message>
    <message>
        <source>a template was created</source>
        <translation>un modèle a été créé</translation>
    </message>
    <message>
        <source>at least %1</source>
        <translation>au moins %1</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirée</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échouée</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Unfinished</source>
        <translation>Inachevée</translation>
    </message>
</context>
<context>
    <name>SessionTableModel</name>
    <message>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Temps restant</translation>
    </message>
    <message>
        <source>Hand-off</source>
        <translation>Transmission</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>RÉUSSIE</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>ÉCHEC</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
    <message>
        <source>Waiting for the scan</source>
        <translation>En attente du scan</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source> (connection problem, retrying)</source>
        <translation> (problème de connexion, nouvelle tentative)</translation>
    </message>
    <message>
        <source>Cancelled at the desk</source>
        <translation>Annulée au guichet</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirée</translation>
    </message>
    <message>
        <source>Cancelled on the phone</source>
        <translation>Annulée sur le téléphone</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échouée</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <source>Error: %1 (retry or close)</source>
        <translation>Erreur : %1 (relancez ou fermez)</translation>
    </message>
    <message>
        <source>no connection to the server</source>
        <translation>pas de connexion au serveur</translation>
    </message>
    <message>
        <source>the server refused the credentials</source>
        <translation>le serveur a refusé les identifiants</translation>
    </message>
    <message>
        <source>the server refused the request</source>
        <translation>le serveur a refusé la requête</translation>
    </message>
    <message>
        <source>the server&apos;s answer could not be read</source>
        <translation>la réponse du serveur était illisible</translation>
    </message>
    <message>
        <source>the session link points at an untrusted site</source>
        <translation>le lien de session pointe vers un site non fiable</translation>
    </message>
    <message>
        <source>the server lost the session</source>
        <translation>le serveur a perdu la session</translation>
    </message>
    <message>
        <source>an unexpected error</source>
        <translation>une erreur inattendue</translation>
    </message>
    <message>
        <source>next step</source>
        <translation>étape suivante</translation>
    </message>
</context>
<context>
    <name>StartingScreen</name>
    <message>
        <source>Preparing your code…</source>
        <translation>Préparation de votre code…</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>Préparation</translation>
    </message>
</context>
<context>
    <name>names</name>
    <message>
        <source>Liveness</source>
        <translation>Détection du vivant</translation>
    </message>
    <message>
        <source>Deepfake</source>
        <translation>Deepfake</translation>
    </message>
    <message>
        <source>Face match</source>
        <translation>Correspondance faciale</translation>
    </message>
    <message>
        <source>Enrolment</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>liveness check</source>
        <translation>détection du vivant</translation>
    </message>
    <message>
        <source>genuine photo check</source>
        <translation>vérification de l&apos;authenticité de la photo</translation>
    </message>
    <message>
        <source>saving your face</source>
        <translation>enregistrement de votre visage</translation>
    </message>
    <message>
        <source>face match</source>
        <translation>correspondance faciale</translation>
    </message>
    <message>
        <source>next step</source>
        <translation>étape suivante</translation>
    </message>
</context>
<context>
    <name>reasons</name>
    <message>
        <source>Liveness check</source>
        <translation>Détection du vivant</translation>
    </message>
    <message>
        <source>Deepfake check</source>
        <translation>Détection de deepfake</translation>
    </message>
    <message>
        <source>The verification could not be completed.</source>
        <translation>La vérification n&apos;a pas pu aboutir.</translation>
    </message>
    <message>
        <source>The verification link expired before it was completed.</source>
        <translation>Le lien de vérification a expiré avant la fin.</translation>
    </message>
    <message>
        <source>The verification was canceled.</source>
        <translation>La vérification a été annulée.</translation>
    </message>
    <message>
        <source>No checks were requested, so nothing was verified.</source>
        <translation>Aucune vérification n&apos;a été demandée : rien n&apos;a été vérifié.</translation>
    </message>
    <message>
        <source>Face match: the server sent an invalid similarity.</source>
        <translation>Correspondance faciale : le serveur a envoyé une similarité invalide.</translation>
    </message>
    <message>
        <source>Face match: no match result was returned.</source>
        <translation>Correspondance faciale : aucun résultat n&apos;a été renvoyé.</translation>
    </message>
    <message>
        <source>Face match: no enrolled face was identified.</source>
        <translation>Correspondance faciale : aucun visage enregistré n&apos;a été identifié.</translation>
    </message>
    <message>
        <source>Enrolment: no face template was created.</source>
        <translation>Enregistrement : aucun modèle de visage n&apos;a été créé.</translation>
    </message>
    <message>
        <source>The photo was blurry.</source>
        <translation>La photo était floue.</translation>
    </message>
    <message>
        <source>There was glare or flare on the photo.</source>
        <translation>Il y avait des reflets sur la photo.</translation>
    </message>
    <message>
        <source>The lighting was too dark or too bright.</source>
        <translation>L&apos;éclairage était trop sombre ou trop vif.</translation>
    </message>
    <message>
        <source>The contrast was poor.</source>
        <translation>Le contraste était insuffisant.</translation>
    </message>
    <message>
        <source>Part of the face was covered.</source>
        <translation>Une partie du visage était masquée.</translation>
    </message>
    <message>
        <source>An eye was closed.</source>
        <translation>Un œil était fermé.</translation>
    </message>
    <message>
        <source>The expression was not neutral.</source>
        <translation>L&apos;expression n&apos;était pas neutre.</translation>
    </message>
    <message>
        <source>The photo quality was not ideal.</source>
        <translation>La qualité de la photo n&apos;était pas idéale.</translation>
    </message>
    <message>
        <source>{check}: no result was returned.</source>
        <translation>{check} : aucun résultat n&apos;a été renvoyé.</translation>
    </message>
    <message>
        <source>{check}: the server sent an invalid score.</source>
        <translation>{check} : le serveur a envoyé un score invalide.</translation>
    </message>
    <message>
        <source>Liveness check failed: the face did not pass as a live person.</source>
        <translation>Détection du vivant échouée : le visage n&apos;a pas été reconnu comme celui d&apos;une personne réelle.</translation>
    </message>
    <message>
        <source>Deepfake check failed: the image looks manipulated or synthetic.</source>
        <translation>Détection de deepfake échouée : l&apos;image semble manipulée ou synthétique.</translation>
    </message>
    <message>
        <source>{check}: no score was given (needs {minimum}).</source>
        <translation>{check} : aucun score n&apos;a été donné (minimum {minimum}).</translation>
    </message>
    <message>
        <source>{check}: score {score} is below {minimum}.</source>
        <translation>{check} : le score {score} est inférieur à {minimum}.</translation>
    </message>
    <message>
        <source>Face match: similarity {score} is below the threshold {minimum}.</source>
        <translation>Correspondance faciale : la similarité {score} est inférieure au seuil {minimum}.</translation>
    </message>
    <message>
        <source>The photo could not be checked: {info} (error {code}).</source>
        <translation>La photo n&apos;a pas pu être vérifiée : {info} (erreur {code}).</translation>
    </message>
    <message>
        <source>The photo could not be checked: {info}.</source>
        <translation>La photo n&apos;a pas pu être vérifiée : {info}.</translation>
    </message>
    <message>
        <source>The session ended with status {status}, not DONE.</source>
        <translation>La session s&apos;est terminée avec l&apos;état {status}, et non DONE.</translation>
    </message>
</context>
</TS>
