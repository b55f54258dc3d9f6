<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>CustomerLink</name>
    <message>
        <source>Customer view</source>
        <translation>Vista del cliente</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Customer&apos;s language: </source>
        <translation>Idioma del cliente: </translation>
    </message>
    <message>
        <source>The customer screen is not there: the customer&apos;s view is in the desk.</source>
        <translation>La pantalla del cliente no está conectada: la vista del cliente se muestra en el mostrador.</translation>
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
        <translation>&lt;h3&gt;Mostrador de verificación&lt;/h3&gt;
&lt;p&gt;&lt;b&gt;Nueva verificación&lt;/b&gt; (Ctrl+N): escriba el número de cliente o de expediente
(opcional), marque las comprobaciones y pulse Iniciar. El cliente escanea con su teléfono el
código que se muestra aquí (o en la pantalla del cliente).&lt;/p&gt;
&lt;p&gt;Pueden ejecutarse varias verificaciones a la vez (como máximo %1); la lista muestra la
referencia, el estado, el paso y el tiempo restante de cada una. Seleccione una para ver su
código mientras está en curso y su resultado completo cuando termine.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Copiar identificadores&lt;/b&gt; (Ctrl+C), &lt;b&gt;Copiar resumen JSON&lt;/b&gt; y &lt;b&gt;Guardar
justificante&lt;/b&gt; registran el resultado en sus propios sistemas. Una sesión fallida puede
iniciarse de nuevo o quitarse de la lista.&lt;/p&gt;
&lt;p&gt;Más información: docs/DESK.md en la documentación del quiosco.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Quit the desk</source>
        <translation>Salir del mostrador</translation>
    </message>
    <message numerus="yes">
        <source>%n verification(s) still running will be stopped. Quit anyway?</source>
        <translation>
            <numerusform>Se detendrá %n verificación en curso. ¿Salir de todos modos?</numerusform>
            <numerusform>Se detendrán %n verificaciones en curso. ¿Salir de todos modos?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeskSessions</name>
    <message>
        <source>The desk is closing.</source>
        <translation>El mostrador se está cerrando.</translation>
    </message>
    <message numerus="yes">
        <source>%n verifications are already running, the most the desk follows at once. Wait for one to finish, or cancel one, then start this one.</source>
        <translation>
            <numerusform>Ya hay %n verificación en curso, el máximo que el mostrador sigue a la vez. Espere a que termine o cancélela y luego inicie esta.</numerusform>
            <numerusform>Ya hay %n verificaciones en curso, el máximo que el mostrador sigue a la vez. Espere a que termine una o cancele una y luego inicie esta.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeskTray</name>
    <message>
        <source>Show desk</source>
        <translation>Mostrar el mostrador</translation>
    </message>
    <message>
        <source>New verification</source>
        <translation>Nueva verificación</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>Verification desk</source>
        <translation>Mostrador de verificación</translation>
    </message>
    <message>
        <source>Verification finished</source>
        <translation>Verificación terminada</translation>
    </message>
</context>
<context>
    <name>DeskWindow</name>
    <message>
        <source>Unexpected error (logged): %1</source>
        <translation>Error inesperado (registrado): %1</translation>
    </message>
    <message>
        <source>Verification desk</source>
        <translation>Mostrador de verificación</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>Copiado.</translation>
    </message>
    <message>
        <source>&amp;New verification…</source>
        <translation>&amp;Nueva verificación…</translation>
    </message>
    <message>
        <source>&amp;Save receipt…</source>
        <translation>&amp;Guardar justificante…</translation>
    </message>
    <message>
        <source>&amp;Export summary as JSON…</source>
        <translation>&amp;Exportar resumen como JSON…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Preferencias…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Copy ids</source>
        <translation>&amp;Copiar identificadores</translation>
    </message>
    <message>
        <source>Copy &amp;JSON summary</source>
        <translation>Copiar resumen &amp;JSON</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Historial</translation>
    </message>
    <message>
        <source>Show to &amp;customer</source>
        <translation>Mostrar al &amp;cliente</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message numerus="yes">
        <source>%n verifications are already running, the most the desk follows at once. Wait for one to finish, or cancel one, then start this one.</source>
        <translation>
            <numerusform>Ya hay %n verificación en curso, el máximo que el mostrador sigue a la vez. Espere a que termine o cancélela y luego inicie esta.</numerusform>
            <numerusform>Ya hay %n verificaciones en curso, el máximo que el mostrador sigue a la vez. Espere a que termine una o cancele una y luego inicie esta.</numerusform>
        </translation>
    </message>
    <message>
        <source>Desk full</source>
        <translation>Mostrador completo</translation>
    </message>
    <message>
        <source>Journal: %1</source>
        <translation>Registro: %1</translation>
    </message>
    <message>
        <source>Ids copied.</source>
        <translation>Identificadores copiados.</translation>
    </message>
    <message>
        <source>JSON summary copied.</source>
        <translation>Resumen JSON copiado.</translation>
    </message>
    <message>
        <source>Save receipt</source>
        <translation>Guardar justificante</translation>
    </message>
    <message>
        <source>The receipt could not be saved: %1</source>
        <translation>No se ha podido guardar el justificante: %1</translation>
    </message>
    <message>
        <source>Receipt saved to %1</source>
        <translation>Justificante guardado en %1</translation>
    </message>
    <message>
        <source>Export summary</source>
        <translation>Exportar resumen</translation>
    </message>
    <message>
        <source>The summary could not be saved: %1</source>
        <translation>No se ha podido guardar el resumen: %1</translation>
    </message>
    <message>
        <source>Desk help</source>
        <translation>Ayuda del mostrador</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Mostrador</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n of at most %1 running</source>
        <translation>
            <numerusform>%n de %1 como máximo en curso</numerusform>
            <numerusform>%n de %1 como máximo en curso</numerusform>
        </translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>enviando…</translation>
    </message>
    <message>
        <source>The hand-off failed: %1</source>
        <translation>La transferencia ha fallado: %1</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>entregada</translation>
    </message>
    <message>
        <source>Verification desk: history</source>
        <translation>Mostrador de verificación: historial</translation>
    </message>
    <message>
        <source>Preferences saved.</source>
        <translation>Preferencias guardadas.</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Show to customer</source>
        <translation>Mostrar al cliente</translation>
    </message>
    <message>
        <source>Cancel verification</source>
        <translation>Cancelar la verificación</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>Empezar de nuevo</translation>
    </message>
    <message>
        <source>A new verification with the same reference and checks</source>
        <translation>Una nueva verificación con la misma referencia y las mismas comprobaciones</translation>
    </message>
    <message>
        <source>Remove from the list</source>
        <translation>Quitar de la lista</translation>
    </message>
    <message>
        <source>Select a verification in the list to see it.</source>
        <translation>Seleccione una verificación de la lista para verla.</translation>
    </message>
    <message>
        <source>No verification yet.
File &gt; New verification (Ctrl+N) starts one.</source>
        <translation>Todavía no hay ninguna verificación.
Archivo &gt; Nueva verificación (Ctrl+N) inicia una.</translation>
    </message>
    <message>
        <source>Verification without reference</source>
        <translation>Verificación sin referencia</translation>
    </message>
</context>
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
    <name>History</name>
    <message>
        <source>Passed</source>
        <translation>Superada</translation>
    </message>
    <message>
        <source>Not passed</source>
        <translation>No superada</translation>
    </message>
    <message>
        <source>Failed (service)</source>
        <translation>Fallida (servicio)</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Caducada</translation>
    </message>
    <message>
        <source>Cancelled by the customer</source>
        <translation>Cancelada por el cliente</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Unfinished</source>
        <translation>Sin terminar</translation>
    </message>
    <message>
        <source>Cancelled by staff</source>
        <translation>Cancelada por el personal</translation>
    </message>
    <message>
        <source>Walked away</source>
        <translation>El cliente se fue</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Interrumpida</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Comprobaciones</translation>
    </message>
    <message>
        <source>Session id</source>
        <translation>ID de sesión</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Motivos</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Search a reference or a session id</source>
        <translation>Buscar una referencia o un ID de sesión</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>Todos los resultados</translation>
    </message>
    <message>
        <source>Between</source>
        <translation>Entre</translation>
    </message>
    <message>
        <source>Only the sessions started between these days (included)</source>
        <translation>Solo las sesiones iniciadas entre estos días (incluidos)</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Primer día</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Último día</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Save the sessions shown as a CSV file</source>
        <translation>Guardar las sesiones mostradas en un archivo CSV</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sesiones</translation>
    </message>
    <message>
        <source>Session details</source>
        <translation>Detalles de la sesión</translation>
    </message>
    <message>
        <source>Select a session to read its full reasons.</source>
        <translation>Seleccione una sesión para leer todos sus motivos.</translation>
    </message>
    <message>
        <source>Sessions shown</source>
        <translation>Sesiones mostradas</translation>
    </message>
    <message>
        <source>Copy the session&apos;s ids</source>
        <translation>Copiar los identificadores de la sesión</translation>
    </message>
    <message>
        <source>No journal: sessions are not recorded.</source>
        <translation>Sin registro: las sesiones no se guardan.</translation>
    </message>
    <message>
        <source>The newest {n} sessions that match; narrow the search for older ones.</source>
        <translation>Las {n} sesiones coincidentes más recientes; acote la búsqueda para ver las anteriores.</translation>
    </message>
    <message numerus="yes">
        <source>%n sessions.</source>
        <translation>
            <numerusform>%n sesión.</numerusform>
            <numerusform>%n sesiones.</numerusform>
        </translation>
    </message>
    <message>
        <source>The journal cannot be read: {error}</source>
        <translation>No se puede leer el registro: {error}</translation>
    </message>
    <message>
        <source>Reference: {value}</source>
        <translation>Referencia: {value}</translation>
    </message>
    <message>
        <source>Outcome: {value}</source>
        <translation>Resultado: {value}</translation>
    </message>
    <message>
        <source>Started: {value}</source>
        <translation>Inicio: {value}</translation>
    </message>
    <message>
        <source>Ended: {value}</source>
        <translation>Fin: {value}</translation>
    </message>
    <message>
        <source>Checks: {value}</source>
        <translation>Comprobaciones: {value}</translation>
    </message>
    <message>
        <source>Scores: liveness {l}, deepfake {d}, face match {s}</source>
        <translation>Puntuaciones: prueba de vida {l}, deepfake {d}, coincidencia facial {s}</translation>
    </message>
    <message>
        <source>Session id: {value}</source>
        <translation>ID de sesión: {value}</translation>
    </message>
    <message>
        <source>Matched template: {value}</source>
        <translation>Plantilla coincidente: {value}</translation>
    </message>
    <message>
        <source>Enrolled template: {value}</source>
        <translation>Plantilla registrada: {value}</translation>
    </message>
    <message>
        <source>Reasons:</source>
        <translation>Motivos:</translation>
    </message>
    <message>
        <source>Error: {value}</source>
        <translation>Error: {value}</translation>
    </message>
    <message>
        <source>Export the sessions shown</source>
        <translation>Exportar las sesiones mostradas</translation>
    </message>
    <message>
        <source>Not exported: {error}</source>
        <translation>No se ha exportado: {error}</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n sessions to {path}.</source>
        <translation>
            <numerusform>Se ha exportado %n sesión a {path}.</numerusform>
            <numerusform>Se han exportado %n sesiones a {path}.</numerusform>
        </translation>
    </message>
    <message>
        <source>the journal could not be read (%1)</source>
        <translation>no se ha podido leer el registro (%1)</translation>
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
    <name>NewSessionDialog</name>
    <message>
        <source>New verification</source>
        <translation>Nueva verificación</translation>
    </message>
    <message>
        <source>Customer number or case id (optional)</source>
        <translation>Número de cliente o de expediente (opcional)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>Reference:</source>
        <translation>Referencia:</translation>
    </message>
    <message>
        <source>Checks:</source>
        <translation>Comprobaciones:</translation>
    </message>
    <message numerus="yes">
        <source>The reference is %n characters long; use at most %1.</source>
        <translation>
            <numerusform>La referencia tiene %n carácter; use como máximo %1.</numerusform>
            <numerusform>La referencia tiene %n caracteres; use como máximo %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>The reference holds a character that cannot be shown (U+%1), often pasted along with it; type the reference again.</source>
        <translation>La referencia contiene un carácter que no se puede mostrar (U+%1), a menudo pegado junto con ella; vuelva a escribir la referencia.</translation>
    </message>
    <message>
        <source>Tick at least one check.</source>
        <translation>Marque al menos una comprobación.</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Desk preferences</source>
        <translation>Preferencias del mostrador</translation>
    </message>
    <message>
        <source>Customer screen</source>
        <translation>Pantalla del cliente</translation>
    </message>
    <message>
        <source>Hand-off command</source>
        <translation>Comando de transferencia</translation>
    </message>
    <message>
        <source>Hand-off URL</source>
        <translation>URL de transferencia</translation>
    </message>
    <message>
        <source>Hand-off timeout (s)</source>
        <translation>Tiempo límite de transferencia (s)</translation>
    </message>
    <message>
        <source>Hand-off retries</source>
        <translation>Reintentos de transferencia</translation>
    </message>
    <message>
        <source>empty: none</source>
        <translation>vacío: ninguno</translation>
    </message>
    <message>
        <source>None: the desk shows the code</source>
        <translation>Ninguna: el mostrador muestra el código</translation>
    </message>
    <message>
        <source>{number}: {name} ({width}×{height})</source>
        <translation>{number}: {name} ({width}×{height})</translation>
    </message>
    <message>
        <source>{screen}, the desk window&apos;s screen</source>
        <translation>{screen}, la pantalla de la ventana del mostrador</translation>
    </message>
    <message>
        <source>{screen} (not connected)</source>
        <translation>{screen} (no conectada)</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>No se ha guardado: {error}</translation>
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
    <name>Receipt</name>
    <message>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <source>Session id</source>
        <translation>ID de sesión</translation>
    </message>
    <message>
        <source>Matched template id</source>
        <translation>ID de la plantilla coincidente</translation>
    </message>
    <message>
        <source>Enrolled template id</source>
        <translation>ID de la plantilla registrada</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Server status</source>
        <translation>Estado del servidor</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Mostrador</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Motivos</translation>
    </message>
    <message>
        <source>Quality advice</source>
        <translation>Consejos de calidad</translation>
    </message>
    <message>
        <source>PASS: identity verified</source>
        <translation>SUPERADA: identidad verificada</translation>
    </message>
    <message>
        <source>FAIL: identity not verified</source>
        <translation>NO SUPERADA: identidad no verificada</translation>
    </message>
    <message>
        <source>Ended: the link expired</source>
        <translation>Finalizada: el enlace caducó</translation>
    </message>
    <message>
        <source>Ended: canceled by the customer</source>
        <translation>Finalizada: cancelada por el cliente</translation>
    </message>
    <message>
        <source>Ended: the verification failed</source>
        <translation>Finalizada: la verificación falló</translation>
    </message>
    <message>
        <source>Ended: the desk could not get an answer</source>
        <translation>Finalizada: el mostrador no obtuvo respuesta</translation>
    </message>
    <message>
        <source>Not finished</source>
        <translation>Sin terminar</translation>
    </message>
    <message>
        <source>Printed %1</source>
        <translation>Impreso el %1</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Comprobación</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Puntuación</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Umbral</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>superada</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>no superada</translation>
    </message>
    <message>
        <source>-</source>
        <translation>-</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Comprobaciones</translation>
    </message>
    <message>
        <source>Liveness</source>
        <translation>Prueba de vida</translation>
    </message>
    <message>
        <source>Deepfake</source>
        <translation>Deepfake</translation>
    </message>
    <message>
        <source>Enrolment</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Face match</source>
        <translation>Coincidencia facial</translation>
    </message>
    <message>
        <source>vendor&apos;s own pass flag</source>
        <translation>indicador de aprobado del propio proveedor</translation>
    </message>
    <message>
        <source>at least %1 and the vendor&apos;s pass flag</source>
        <translation>al menos %1 y el indicador de aprobado del proveedor</translation>
    </message>
    <message>
        <source>at least %1</source>
        <translation>al menos %1</translation>
    </message>
    <message>
        <source>a template is created</source>
        <translation>se crea una plantilla</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Identity verification receipt</source>
        <translation>Justificante de verificación de identidad</translation>
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
    <name>ResultView</name>
    <message>
        <source>Check</source>
        <translation>Comprobación</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Puntuación</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Umbral</translation>
    </message>
    <message>
        <source>Copy ids</source>
        <translation>Copiar identificadores</translation>
    </message>
    <message>
        <source>Copy JSON summary</source>
        <translation>Copiar resumen JSON</translation>
    </message>
    <message>
        <source>Save receipt (PDF)…</source>
        <translation>Guardar justificante (PDF)…</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Motivos</translation>
    </message>
    <message>
        <source>Quality advice</source>
        <translation>Consejos de calidad</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>SUPERADA</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>NO SUPERADA</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>Ninguno.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguna)</translation>
    </message>
    <message>
        <source>Reference:</source>
        <translation>Referencia:</translation>
    </message>
    <message>
        <source>Session id:</source>
        <translation>ID de sesión:</translation>
    </message>
    <message>
        <source>Search template id:</source>
        <translation>ID de la plantilla de búsqueda:</translation>
    </message>
    <message>
        <source>Enrolled template id:</source>
        <translation>ID de la plantilla registrada:</translation>
    </message>
    <message>
        <source>Started:</source>
        <translation>Inicio:</translation>
    </message>
    <message>
        <source>Ended:</source>
        <translation>Fin:</translation>
    </message>
    <message>
        <source>Server status:</source>
        <translation>Estado del servidor:</translation>
    </message>
    <message>
        <source>Hand-off: %1</source>
        <translation>Transferencia: %1</translation>
    </message>
    <message>
        <source>not judged</source>
        <translation>no evaluada</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>superada</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>no superada</translation>
    </message>
    <message>
        <source>the vendor&apos;s own pass flag</source>
        <translation>el indicador de aprobado del propio proveedor</translation>
    </message>
    <message>
        <source>the vendor&apos;s flag and at least %1</source>
        <translation>el indicador del proveedor y al menos %1</translation>
    </message>
    <message>
        <source>a template was created</source>
        <translation>se creó una plantilla</translation>
    </message>
    <message>
        <source>at least %1</source>
        <translation>al menos %1</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Caducada</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallida</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Unfinished</source>
        <translation>Sin terminar</translation>
    </message>
</context>
<context>
    <name>SessionTableModel</name>
    <message>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Tiempo restante</translation>
    </message>
    <message>
        <source>Hand-off</source>
        <translation>Transferencia</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguna)</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>SUPERADA</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>NO SUPERADA</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>Waiting for the scan</source>
        <translation>Esperando el escaneo</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source> (connection problem, retrying)</source>
        <translation> (problema de conexión, reintentando)</translation>
    </message>
    <message>
        <source>Cancelled at the desk</source>
        <translation>Cancelada en el mostrador</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Caducada</translation>
    </message>
    <message>
        <source>Cancelled on the phone</source>
        <translation>Cancelada en el teléfono</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallida</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Finalizada</translation>
    </message>
    <message>
        <source>Error: %1 (retry or close)</source>
        <translation>Error: %1 (reintente o cierre)</translation>
    </message>
    <message>
        <source>no connection to the server</source>
        <translation>sin conexión con el servidor</translation>
    </message>
    <message>
        <source>the server refused the credentials</source>
        <translation>el servidor rechazó las credenciales</translation>
    </message>
    <message>
        <source>the server refused the request</source>
        <translation>el servidor rechazó la solicitud</translation>
    </message>
    <message>
        <source>the server&apos;s answer could not be read</source>
        <translation>no se pudo leer la respuesta del servidor</translation>
    </message>
    <message>
        <source>the session link points at an untrusted site</source>
        <translation>el enlace de la sesión apunta a un sitio no fiable</translation>
    </message>
    <message>
        <source>the server lost the session</source>
        <translation>el servidor perdió la sesión</translation>
    </message>
    <message>
        <source>an unexpected error</source>
        <translation>un error inesperado</translation>
    </message>
    <message>
        <source>next step</source>
        <translation>siguiente paso</translation>
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
