<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
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
