<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>EndedScreen</name>
    <message>
        <source>Start again</source>
        <translation>Empezar de nuevo</translation>
    </message>
    <message>
        <source>Start a new verification</source>
        <translation>Empezar una nueva verificación</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Done, back to the start</source>
        <translation>Listo, volver al inicio</translation>
    </message>
    <message>
        <source>The code expired</source>
        <translation>El código ha caducado</translation>
    </message>
    <message>
        <source>Nothing was checked. Start again to get a new code.</source>
        <translation>No se ha comprobado nada. Empiece de nuevo para obtener un código nuevo.</translation>
    </message>
    <message>
        <source>The verification could not be completed</source>
        <translation>No se ha podido completar la verificación</translation>
    </message>
    <message>
        <source>Something went wrong during the checks. Please try once more.</source>
        <translation>Algo ha fallado durante las comprobaciones. Inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>The verification was canceled</source>
        <translation>Se ha cancelado la verificación</translation>
    </message>
    <message>
        <source>It was canceled on the phone. You can start again at any time.</source>
        <translation>Se canceló en el teléfono. Puede empezar de nuevo cuando quiera.</translation>
    </message>
    <message numerus="yes">
        <source>Back to the start in %n s</source>
        <translation>
            <numerusform>Volver al inicio en %n segundo</numerusform>
            <numerusform>Volver al inicio en %n segundos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorScreen</name>
    <message>
        <source>Try again</source>
        <translation>Intentar de nuevo</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Volver</translation>
    </message>
    <message>
        <source>Back to the start</source>
        <translation>Volver al inicio</translation>
    </message>
    <message>
        <source>Please try again, or ask a member of staff for help.</source>
        <translation>Inténtelo de nuevo o pida ayuda al personal.</translation>
    </message>
    <message>
        <source>This kiosk needs attention from staff.</source>
        <translation>Este quiosco necesita la atención del personal.</translation>
    </message>
    <message>
        <source>No connection to the verification service</source>
        <translation>Sin conexión con el servicio de verificación</translation>
    </message>
    <message>
        <source>Staff: check the network and the backend address.</source>
        <translation>Personal: compruebe la red y la dirección del servidor.</translation>
    </message>
    <message>
        <source>This kiosk is not set up correctly</source>
        <translation>Este quiosco no está bien configurado</translation>
    </message>
    <message>
        <source>Staff: the service refused the APP-ID / APP-KEY. Check the credentials.</source>
        <translation>Personal: el servicio rechazó el APP-ID / APP-KEY. Compruebe las credenciales.</translation>
    </message>
    <message>
        <source>Staff: the service rejected the request. Check scopes, TTL and URLs.</source>
        <translation>Personal: el servicio rechazó la solicitud. Compruebe los ámbitos, el TTL y las URL.</translation>
    </message>
    <message>
        <source>The verification service sent an answer we cannot read</source>
        <translation>El servicio de verificación envió una respuesta que no podemos leer</translation>
    </message>
    <message>
        <source>Staff: check that the backend address points at the Verification Link API.</source>
        <translation>Personal: compruebe que la dirección del servidor apunta a la API Verification Link.</translation>
    </message>
    <message>
        <source>The verification link was blocked</source>
        <translation>Se ha bloqueado el enlace de verificación</translation>
    </message>
    <message>
        <source>Staff: the service returned a link to an unexpected host; it was not shown.</source>
        <translation>Personal: el servicio devolvió un enlace a un host inesperado; no se ha mostrado.</translation>
    </message>
    <message>
        <source>The verification was lost</source>
        <translation>Se ha perdido la verificación</translation>
    </message>
    <message>
        <source>Staff: the service no longer knows this session.</source>
        <translation>Personal: el servicio ya no reconoce esta sesión.</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Algo ha fallado</translation>
    </message>
    <message>
        <source>Staff: an unexpected error occurred; see the log.</source>
        <translation>Personal: se produjo un error inesperado; consulte el registro.</translation>
    </message>
</context>
<context>
    <name>IdleScreen</name>
    <message>
        <source>Verify your identity</source>
        <translation>Verifique su identidad</translation>
    </message>
    <message>
        <source>Scan a code with your phone and take a selfie. It takes about a minute.</source>
        <translation>Escanee un código con su teléfono y hágase un selfi. Tarda alrededor de un minuto.</translation>
    </message>
    <message>
        <source>Start verification</source>
        <translation>Iniciar la verificación</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Face verification</source>
        <translation>Verificación facial</translation>
    </message>
    <message>
        <source>SANDBOX</source>
        <translation>PRUEBAS</translation>
    </message>
    <message>
        <source>Demo server: no real identity check is made</source>
        <translation>Servidor de demostración: no se realiza ninguna verificación de identidad real</translation>
    </message>
    <message>
        <source>Sandbox mode: demo server</source>
        <translation>Modo de pruebas: servidor de demostración</translation>
    </message>
    <message>
        <source>Connection problem — retrying…</source>
        <translation>Problema de conexión: reintentando…</translation>
    </message>
    <message>
        <source>Connection problem, retrying</source>
        <translation>Problema de conexión, reintentando</translation>
    </message>
</context>
<context>
    <name>ProgressScreen</name>
    <message>
        <source>Follow the steps on your phone</source>
        <translation>Siga los pasos en su teléfono</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Cancel verification</source>
        <translation>Cancelar la verificación</translation>
    </message>
    <message>
        <source>Follow the steps on your phone: getting started</source>
        <translation>Siga los pasos en su teléfono: primeros pasos</translation>
    </message>
    <message>
        <source>Follow the steps on your phone: {step}</source>
        <translation>Siga los pasos en su teléfono: {step}</translation>
    </message>
    <message>
        <source>Keep your phone open until it says you are done.</source>
        <translation>Mantenga el teléfono abierto hasta que indique que ha terminado.</translation>
    </message>
    <message>
        <source>done</source>
        <translation>hecho</translation>
    </message>
    <message>
        <source>now</source>
        <translation>ahora</translation>
    </message>
    <message>
        <source>to do</source>
        <translation>pendiente</translation>
    </message>
</context>
<context>
    <name>QrScreen</name>
    <message>
        <source>QR code to scan with your phone</source>
        <translation>Código QR para escanear con su teléfono</translation>
    </message>
    <message>
        <source>Scan this code with your phone&apos;s camera</source>
        <translation>Escanee este código con la cámara de su teléfono</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Cancel verification</source>
        <translation>Cancelar la verificación</translation>
    </message>
    <message>
        <source>Continue on this device</source>
        <translation>Continuar en este dispositivo</translation>
    </message>
    <message>
        <source>Continue the verification on this device</source>
        <translation>Continuar la verificación en este dispositivo</translation>
    </message>
    <message>
        <source>Link opens {host}</source>
        <translation>El enlace abre {host}</translation>
    </message>
    <message>
        <source>This code expires in {time}</source>
        <translation>Este código caduca en {time}</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Done, back to the start</source>
        <translation>Listo, volver al inicio</translation>
    </message>
    <message>
        <source>✓ PASS</source>
        <translation>✓ APROBADO</translation>
    </message>
    <message>
        <source>Your identity was verified.</source>
        <translation>Su identidad ha sido verificada.</translation>
    </message>
    <message>
        <source>✕ FAIL</source>
        <translation>✕ NO APROBADO</translation>
    </message>
    <message>
        <source>We could not verify your identity.</source>
        <translation>No hemos podido verificar su identidad.</translation>
    </message>
    <message>
        <source>✓ passed</source>
        <translation>✓ superada</translation>
    </message>
    <message>
        <source>✕ failed</source>
        <translation>✕ no superada</translation>
    </message>
    <message>
        <source>Tip: {advice}</source>
        <translation>Consejo: {advice}</translation>
    </message>
    <message numerus="yes">
        <source>Back to the start in %n s</source>
        <translation>
            <numerusform>Volver al inicio en %n segundo</numerusform>
            <numerusform>Volver al inicio en %n segundos</numerusform>
        </translation>
    </message>
    <message>
        <source>similarity {score} (needs {threshold})</source>
        <translation>similitud {score} (se requiere {threshold})</translation>
    </message>
    <message>
        <source>score {score}</source>
        <translation>puntuación {score}</translation>
    </message>
</context>
<context>
    <name>StartingScreen</name>
    <message>
        <source>Preparing your code…</source>
        <translation>Preparando su código…</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>Preparando</translation>
    </message>
</context>
<context>
    <name>names</name>
    <message>
        <source>Liveness</source>
        <translation>Prueba de vida</translation>
    </message>
    <message>
        <source>Deepfake</source>
        <translation>Deepfake</translation>
    </message>
    <message>
        <source>Face match</source>
        <translation>Coincidencia facial</translation>
    </message>
    <message>
        <source>Enrolment</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>liveness check</source>
        <translation>prueba de vida</translation>
    </message>
    <message>
        <source>genuine photo check</source>
        <translation>comprobación de foto auténtica</translation>
    </message>
    <message>
        <source>saving your face</source>
        <translation>guardando su rostro</translation>
    </message>
    <message>
        <source>face match</source>
        <translation>coincidencia facial</translation>
    </message>
    <message>
        <source>next step</source>
        <translation>siguiente paso</translation>
    </message>
</context>
<context>
    <name>reasons</name>
    <message>
        <source>Liveness check</source>
        <translation>Prueba de vida</translation>
    </message>
    <message>
        <source>Deepfake check</source>
        <translation>Detección de deepfake</translation>
    </message>
    <message>
        <source>The verification could not be completed.</source>
        <translation>No se ha podido completar la verificación.</translation>
    </message>
    <message>
        <source>The verification link expired before it was completed.</source>
        <translation>El enlace de verificación caducó antes de completarse.</translation>
    </message>
    <message>
        <source>The verification was canceled.</source>
        <translation>Se ha cancelado la verificación.</translation>
    </message>
    <message>
        <source>No checks were requested, so nothing was verified.</source>
        <translation>No se solicitó ninguna comprobación, así que no se ha verificado nada.</translation>
    </message>
    <message>
        <source>Face match: the server sent an invalid similarity.</source>
        <translation>Coincidencia facial: el servidor envió una similitud no válida.</translation>
    </message>
    <message>
        <source>Face match: no match result was returned.</source>
        <translation>Coincidencia facial: no se recibió ningún resultado.</translation>
    </message>
    <message>
        <source>Face match: no enrolled face was identified.</source>
        <translation>Coincidencia facial: no se identificó ningún rostro registrado.</translation>
    </message>
    <message>
        <source>Enrolment: no face template was created.</source>
        <translation>Registro: no se creó ninguna plantilla facial.</translation>
    </message>
    <message>
        <source>The photo was blurry.</source>
        <translation>La foto estaba borrosa.</translation>
    </message>
    <message>
        <source>There was glare or flare on the photo.</source>
        <translation>Había reflejos o destellos en la foto.</translation>
    </message>
    <message>
        <source>The lighting was too dark or too bright.</source>
        <translation>La iluminación era demasiado oscura o demasiado intensa.</translation>
    </message>
    <message>
        <source>The contrast was poor.</source>
        <translation>El contraste era insuficiente.</translation>
    </message>
    <message>
        <source>Part of the face was covered.</source>
        <translation>Parte del rostro estaba tapada.</translation>
    </message>
    <message>
        <source>An eye was closed.</source>
        <translation>Un ojo estaba cerrado.</translation>
    </message>
    <message>
        <source>The expression was not neutral.</source>
        <translation>La expresión no era neutra.</translation>
    </message>
    <message>
        <source>The photo quality was not ideal.</source>
        <translation>La calidad de la foto no era la ideal.</translation>
    </message>
    <message>
        <source>{check}: no result was returned.</source>
        <translation>{check}: no se recibió ningún resultado.</translation>
    </message>
    <message>
        <source>{check}: the server sent an invalid score.</source>
        <translation>{check}: el servidor envió una puntuación no válida.</translation>
    </message>
    <message>
        <source>Liveness check failed: the face did not pass as a live person.</source>
        <translation>Prueba de vida no superada: el rostro no se reconoció como una persona real.</translation>
    </message>
    <message>
        <source>Deepfake check failed: the image looks manipulated or synthetic.</source>
        <translation>Detección de deepfake no superada: la imagen parece manipulada o sintética.</translation>
    </message>
    <message>
        <source>{check}: no score was given (needs {minimum}).</source>
        <translation>{check}: no se obtuvo puntuación (se requiere {minimum}).</translation>
    </message>
    <message>
        <source>{check}: score {score} is below {minimum}.</source>
        <translation>{check}: la puntuación {score} es inferior a {minimum}.</translation>
    </message>
    <message>
        <source>Face match: similarity {score} is below the threshold {minimum}.</source>
        <translation>Coincidencia facial: la similitud {score} es inferior al umbral {minimum}.</translation>
    </message>
    <message>
        <source>The photo could not be checked: {info} (error {code}).</source>
        <translation>No se pudo comprobar la foto: {info} (error {code}).</translation>
    </message>
    <message>
        <source>The photo could not be checked: {info}.</source>
        <translation>No se pudo comprobar la foto: {info}.</translation>
    </message>
    <message>
        <source>The session ended with status {status}, not DONE.</source>
        <translation>La sesión terminó con el estado {status}, no DONE.</translation>
    </message>
</context>
</TS>
