<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>EndedScreen</name>
    <message>
        <source>Start again</source>
        <translation>البدء من جديد</translation>
    </message>
    <message>
        <source>Start a new verification</source>
        <translation>بدء عملية تحقق جديدة</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>تم</translation>
    </message>
    <message>
        <source>Done, back to the start</source>
        <translation>تم، العودة إلى البداية</translation>
    </message>
    <message>
        <source>The code expired</source>
        <translation>انتهت صلاحية الرمز</translation>
    </message>
    <message>
        <source>Nothing was checked. Start again to get a new code.</source>
        <translation>لم يتم التحقق من أي شيء. ابدأ من جديد للحصول على رمز جديد.</translation>
    </message>
    <message>
        <source>The verification could not be completed</source>
        <translation>تعذّر إكمال عملية التحقق</translation>
    </message>
    <message>
        <source>Something went wrong during the checks. Please try once more.</source>
        <translation>حدث خطأ أثناء عمليات التحقق. يُرجى المحاولة مرة أخرى.</translation>
    </message>
    <message>
        <source>The verification was canceled</source>
        <translation>تم إلغاء عملية التحقق</translation>
    </message>
    <message>
        <source>It was canceled on the phone. You can start again at any time.</source>
        <translation>تم الإلغاء من الهاتف. يمكنك البدء من جديد في أي وقت.</translation>
    </message>
    <message numerus="yes">
        <source>Back to the start in %n s</source>
        <translation>
            <numerusform>العودة إلى البداية خلال %Ln ثانية</numerusform>
            <numerusform>العودة إلى البداية خلال ثانية واحدة</numerusform>
            <numerusform>العودة إلى البداية خلال ثانيتين</numerusform>
            <numerusform>العودة إلى البداية خلال %Ln ثوانٍ</numerusform>
            <numerusform>العودة إلى البداية خلال %Ln ثانية</numerusform>
            <numerusform>العودة إلى البداية خلال %Ln ثانية</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorScreen</name>
    <message>
        <source>Try again</source>
        <translation>إعادة المحاولة</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>رجوع</translation>
    </message>
    <message>
        <source>Back to the start</source>
        <translation>العودة إلى البداية</translation>
    </message>
    <message>
        <source>Please try again, or ask a member of staff for help.</source>
        <translation>يُرجى المحاولة مرة أخرى، أو طلب المساعدة من أحد الموظفين.</translation>
    </message>
    <message>
        <source>This kiosk needs attention from staff.</source>
        <translation>يحتاج هذا الجهاز إلى تدخّل أحد الموظفين.</translation>
    </message>
    <message>
        <source>No connection to the verification service</source>
        <translation>لا يوجد اتصال بخدمة التحقق</translation>
    </message>
    <message>
        <source>Staff: check the network and the backend address.</source>
        <translation>للموظفين: تحقّقوا من الشبكة ومن عنوان الخادم.</translation>
    </message>
    <message>
        <source>This kiosk is not set up correctly</source>
        <translation>لم يتم إعداد هذا الجهاز بشكل صحيح</translation>
    </message>
    <message>
        <source>Staff: the service refused the APP-ID / APP-KEY. Check the credentials.</source>
        <translation>للموظفين: رفضت الخدمة APP-ID / APP-KEY. تحقّقوا من بيانات الاعتماد.</translation>
    </message>
    <message>
        <source>Staff: the service rejected the request. Check scopes, TTL and URLs.</source>
        <translation>للموظفين: رفضت الخدمة الطلب. تحقّقوا من النطاقات (scopes) وTTL والعناوين.</translation>
    </message>
    <message>
        <source>The verification service sent an answer we cannot read</source>
        <translation>أرسلت خدمة التحقق ردًّا لا يمكننا قراءته</translation>
    </message>
    <message>
        <source>Staff: check that the backend address points at the Verification Link API.</source>
        <translation>للموظفين: تحقّقوا من أن عنوان الخادم يشير إلى واجهة Verification Link API.</translation>
    </message>
    <message>
        <source>The verification link was blocked</source>
        <translation>تم حظر رابط التحقق</translation>
    </message>
    <message>
        <source>Staff: the service returned a link to an unexpected host; it was not shown.</source>
        <translation>للموظفين: أعادت الخدمة رابطًا إلى مضيف غير متوقع، ولم يتم عرضه.</translation>
    </message>
    <message>
        <source>The verification was lost</source>
        <translation>فُقدت عملية التحقق</translation>
    </message>
    <message>
        <source>Staff: the service no longer knows this session.</source>
        <translation>للموظفين: لم تعد الخدمة تعرف هذه الجلسة.</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>حدث خطأ ما</translation>
    </message>
    <message>
        <source>Staff: an unexpected error occurred; see the log.</source>
        <translation>للموظفين: حدث خطأ غير متوقع؛ راجعوا السجل.</translation>
    </message>
</context>
<context>
    <name>IdleScreen</name>
    <message>
        <source>Verify your identity</source>
        <translation>تحقّق من هويتك</translation>
    </message>
    <message>
        <source>Scan a code with your phone and take a selfie. It takes about a minute.</source>
        <translation>امسح رمزًا بهاتفك والتقط صورة ذاتية. يستغرق ذلك دقيقة تقريبًا.</translation>
    </message>
    <message>
        <source>Start verification</source>
        <translation>بدء التحقق</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Face verification</source>
        <translation>التحقق من الوجه</translation>
    </message>
    <message>
        <source>SANDBOX</source>
        <translation>بيئة تجريبية</translation>
    </message>
    <message>
        <source>Demo server: no real identity check is made</source>
        <translation>خادم تجريبي: لا يتم أي تحقق فعلي من الهوية</translation>
    </message>
    <message>
        <source>Sandbox mode: demo server</source>
        <translation>الوضع التجريبي: خادم تجريبي</translation>
    </message>
    <message>
        <source>Connection problem — retrying…</source>
        <translation>مشكلة في الاتصال — جارٍ إعادة المحاولة…</translation>
    </message>
    <message>
        <source>Connection problem, retrying</source>
        <translation>مشكلة في الاتصال، جارٍ إعادة المحاولة</translation>
    </message>
</context>
<context>
    <name>ProgressScreen</name>
    <message>
        <source>Follow the steps on your phone</source>
        <translation>اتبع الخطوات على هاتفك</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Cancel verification</source>
        <translation>إلغاء التحقق</translation>
    </message>
    <message>
        <source>Follow the steps on your phone: getting started</source>
        <translation>اتبع الخطوات على هاتفك: البداية</translation>
    </message>
    <message>
        <source>Follow the steps on your phone: {step}</source>
        <translation>اتبع الخطوات على هاتفك: {step}</translation>
    </message>
    <message>
        <source>Keep your phone open until it says you are done.</source>
        <translation>أبقِ الصفحة مفتوحة على هاتفك حتى تظهر رسالة الانتهاء.</translation>
    </message>
    <message>
        <source>done</source>
        <translation>تم</translation>
    </message>
    <message>
        <source>now</source>
        <translation>الآن</translation>
    </message>
    <message>
        <source>to do</source>
        <translation>متبقٍّ</translation>
    </message>
</context>
<context>
    <name>QrScreen</name>
    <message>
        <source>QR code to scan with your phone</source>
        <translation>رمز QR لمسحه بهاتفك</translation>
    </message>
    <message>
        <source>Scan this code with your phone&apos;s camera</source>
        <translation>امسح هذا الرمز بكاميرا هاتفك</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Cancel verification</source>
        <translation>إلغاء التحقق</translation>
    </message>
    <message>
        <source>Continue on this device</source>
        <translation>المتابعة على هذا الجهاز</translation>
    </message>
    <message>
        <source>Continue the verification on this device</source>
        <translation>متابعة التحقق على هذا الجهاز</translation>
    </message>
    <message>
        <source>Link opens {host}</source>
        <translation>يفتح الرابط {host}</translation>
    </message>
    <message>
        <source>This code expires in {time}</source>
        <translation>تنتهي صلاحية هذا الرمز خلال {time}</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <source>Done</source>
        <translation>تم</translation>
    </message>
    <message>
        <source>Done, back to the start</source>
        <translation>تم، العودة إلى البداية</translation>
    </message>
    <message>
        <source>✓ PASS</source>
        <translation>✓ ناجح</translation>
    </message>
    <message>
        <source>Your identity was verified.</source>
        <translation>تم التحقق من هويتك.</translation>
    </message>
    <message>
        <source>✕ FAIL</source>
        <translation>✕ فشل</translation>
    </message>
    <message>
        <source>We could not verify your identity.</source>
        <translation>لم نتمكن من التحقق من هويتك.</translation>
    </message>
    <message>
        <source>✓ passed</source>
        <translation>✓ ناجح</translation>
    </message>
    <message>
        <source>✕ failed</source>
        <translation>✕ فشل</translation>
    </message>
    <message>
        <source>Tip: {advice}</source>
        <translation>نصيحة: {advice}</translation>
    </message>
    <message numerus="yes">
        <source>Back to the start in %n s</source>
        <translation>
            <numerusform>العودة إلى البداية خلال %Ln ثانية</numerusform>
            <numerusform>العودة إلى البداية خلال ثانية واحدة</numerusform>
            <numerusform>العودة إلى البداية خلال ثانيتين</numerusform>
            <numerusform>العودة إلى البداية خلال %Ln ثوانٍ</numerusform>
            <numerusform>العودة إلى البداية خلال %Ln ثانية</numerusform>
            <numerusform>العودة إلى البداية خلال %Ln ثانية</numerusform>
        </translation>
    </message>
    <message>
        <source>similarity {score} (needs {threshold})</source>
        <translation>التشابه {score} (المطلوب {threshold})</translation>
    </message>
    <message>
        <source>score {score}</source>
        <translation>النتيجة {score}</translation>
    </message>
</context>
<context>
    <name>StartingScreen</name>
    <message>
        <source>Preparing your code…</source>
        <translation>جارٍ تجهيز الرمز…</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>جارٍ التجهيز</translation>
    </message>
</context>
<context>
    <name>names</name>
    <message>
        <source>Liveness</source>
        <translation>التحقق من الحيوية</translation>
    </message>
    <message>
        <source>Deepfake</source>
        <translation>التزييف العميق</translation>
    </message>
    <message>
        <source>Face match</source>
        <translation>مطابقة الوجه</translation>
    </message>
    <message>
        <source>Enrolment</source>
        <translation>التسجيل</translation>
    </message>
    <message>
        <source>liveness check</source>
        <translation>التحقق من الحيوية</translation>
    </message>
    <message>
        <source>genuine photo check</source>
        <translation>التحقق من أصالة الصورة</translation>
    </message>
    <message>
        <source>saving your face</source>
        <translation>حفظ صورة وجهك</translation>
    </message>
    <message>
        <source>face match</source>
        <translation>مطابقة الوجه</translation>
    </message>
    <message>
        <source>next step</source>
        <translation>الخطوة التالية</translation>
    </message>
</context>
<context>
    <name>reasons</name>
    <message>
        <source>Liveness check</source>
        <translation>التحقق من الحيوية</translation>
    </message>
    <message>
        <source>Deepfake check</source>
        <translation>كشف التزييف العميق</translation>
    </message>
    <message>
        <source>The verification could not be completed.</source>
        <translation>تعذّر إكمال عملية التحقق.</translation>
    </message>
    <message>
        <source>The verification link expired before it was completed.</source>
        <translation>انتهت صلاحية رابط التحقق قبل إكماله.</translation>
    </message>
    <message>
        <source>The verification was canceled.</source>
        <translation>تم إلغاء عملية التحقق.</translation>
    </message>
    <message>
        <source>No checks were requested, so nothing was verified.</source>
        <translation>لم تُطلب أي عملية تحقق، لذلك لم يتم التحقق من أي شيء.</translation>
    </message>
    <message>
        <source>Face match: the server sent an invalid similarity.</source>
        <translation>مطابقة الوجه: أرسل الخادم قيمة تشابه غير صالحة.</translation>
    </message>
    <message>
        <source>Face match: no match result was returned.</source>
        <translation>مطابقة الوجه: لم تُرجَع أي نتيجة.</translation>
    </message>
    <message>
        <source>Face match: no enrolled face was identified.</source>
        <translation>مطابقة الوجه: لم يتم التعرّف على أي وجه مسجّل.</translation>
    </message>
    <message>
        <source>Enrolment: no face template was created.</source>
        <translation>التسجيل: لم يتم إنشاء نموذج للوجه.</translation>
    </message>
    <message>
        <source>The photo was blurry.</source>
        <translation>كانت الصورة ضبابية.</translation>
    </message>
    <message>
        <source>There was glare or flare on the photo.</source>
        <translation>ظهر وهج أو انعكاس ضوئي في الصورة.</translation>
    </message>
    <message>
        <source>The lighting was too dark or too bright.</source>
        <translation>كانت الإضاءة خافتة جدًا أو ساطعة جدًا.</translation>
    </message>
    <message>
        <source>The contrast was poor.</source>
        <translation>كان التباين ضعيفًا.</translation>
    </message>
    <message>
        <source>Part of the face was covered.</source>
        <translation>كان جزء من الوجه مغطّى.</translation>
    </message>
    <message>
        <source>An eye was closed.</source>
        <translation>كانت إحدى العينين مغمضة.</translation>
    </message>
    <message>
        <source>The expression was not neutral.</source>
        <translation>لم تكن تعابير الوجه محايدة.</translation>
    </message>
    <message>
        <source>The photo quality was not ideal.</source>
        <translation>لم تكن جودة الصورة مثالية.</translation>
    </message>
    <message>
        <source>{check}: no result was returned.</source>
        <translation>{check}: لم تُرجَع أي نتيجة.</translation>
    </message>
    <message>
        <source>{check}: the server sent an invalid score.</source>
        <translation>{check}: أرسل الخادم نتيجة غير صالحة.</translation>
    </message>
    <message>
        <source>Liveness check failed: the face did not pass as a live person.</source>
        <translation>فشل التحقق من الحيوية: لم يُتعرَّف على الوجه كشخص حقيقي.</translation>
    </message>
    <message>
        <source>Deepfake check failed: the image looks manipulated or synthetic.</source>
        <translation>فشل كشف التزييف العميق: تبدو الصورة معدّلة أو مصطنعة.</translation>
    </message>
    <message>
        <source>{check}: no score was given (needs {minimum}).</source>
        <translation>{check}: لم تُعطَ أي نتيجة (المطلوب {minimum}).</translation>
    </message>
    <message>
        <source>{check}: score {score} is below {minimum}.</source>
        <translation>{check}: النتيجة {score} أقل من {minimum}.</translation>
    </message>
    <message>
        <source>Face match: similarity {score} is below the threshold {minimum}.</source>
        <translation>مطابقة الوجه: التشابه {score} أقل من الحد المطلوب {minimum}.</translation>
    </message>
    <message>
        <source>The photo could not be checked: {info} (error {code}).</source>
        <translation>تعذّر فحص الصورة: {info} (الخطأ {code}).</translation>
    </message>
    <message>
        <source>The photo could not be checked: {info}.</source>
        <translation>تعذّر فحص الصورة: {info}.</translation>
    </message>
    <message>
        <source>The session ended with status {status}, not DONE.</source>
        <translation>انتهت الجلسة بالحالة {status} وليس DONE.</translation>
    </message>
</context>
</TS>
