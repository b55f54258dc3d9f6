<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>CustomerLink</name>
    <message>
        <source>Customer view</source>
        <translation>عرض العميل</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>العميل</translation>
    </message>
    <message>
        <source>Customer&apos;s language: </source>
        <translation>لغة العميل: </translation>
    </message>
    <message>
        <source>The customer screen is not there: the customer&apos;s view is in the desk.</source>
        <translation>شاشة العميل غير موصولة: يُعرض عرض العميل في نافذة المكتب.</translation>
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
        <translation>&lt;h3&gt;مكتب التحقق&lt;/h3&gt;
&lt;p&gt;&lt;b&gt;عملية تحقق جديدة&lt;/b&gt; (Ctrl+N): اكتب رقم العميل أو رقم الملف (اختياري)، وحدّد عمليات
التحقق، ثم اضغط «بدء». يمسح العميل بهاتفه الرمز المعروض هنا (أو على شاشة العميل).&lt;/p&gt;
&lt;p&gt;يمكن تشغيل عدة عمليات تحقق في الوقت نفسه (%1 كحد أقصى)؛ وتعرض القائمة لكل منها المرجع
والحالة والخطوة والوقت المتبقي. اختر إحداها لترى رمزها أثناء تنفيذها ونتيجتها الكاملة بعد
انتهائها.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;نسخ المعرّفات&lt;/b&gt; (Ctrl+C) و&lt;b&gt;نسخ ملخص JSON&lt;/b&gt; و&lt;b&gt;حفظ الإيصال&lt;/b&gt; تسجّل النتيجة في
أنظمتك الخاصة. يمكن إعادة بدء جلسة فشلت أو إزالتها من القائمة.&lt;/p&gt;
&lt;p&gt;للمزيد: docs/DESK.md في وثائق الجهاز.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Quit the desk</source>
        <translation>إنهاء المكتب</translation>
    </message>
    <message numerus="yes">
        <source>%n verification(s) still running will be stopped. Quit anyway?</source>
        <translation>
            <numerusform>لا توجد عمليات تحقق جارية (%Ln). هل تريد الإنهاء؟</numerusform>
            <numerusform>سيتم إيقاف عملية التحقق الجارية. هل تريد الإنهاء على أي حال؟</numerusform>
            <numerusform>سيتم إيقاف عمليتي التحقق الجاريتين. هل تريد الإنهاء على أي حال؟</numerusform>
            <numerusform>سيتم إيقاف %Ln عمليات تحقق جارية. هل تريد الإنهاء على أي حال؟</numerusform>
            <numerusform>سيتم إيقاف %Ln عملية تحقق جارية. هل تريد الإنهاء على أي حال؟</numerusform>
            <numerusform>سيتم إيقاف %Ln عملية تحقق جارية. هل تريد الإنهاء على أي حال؟</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeskSessions</name>
    <message>
        <source>The desk is closing.</source>
        <translation>جارٍ إغلاق المكتب.</translation>
    </message>
    <message numerus="yes">
        <source>%n verifications are already running, the most the desk follows at once. Wait for one to finish, or cancel one, then start this one.</source>
        <translation>
            <numerusform>لا توجد عمليات تحقق جارية (%Ln)، وهو الحد الأقصى الذي يتابعه المكتب في وقت واحد. ابدأ هذه العملية لاحقًا.</numerusform>
            <numerusform>توجد عملية تحقق واحدة جارية بالفعل، وهي الحد الأقصى الذي يتابعه المكتب في وقت واحد. انتظر حتى تنتهي أو ألغِها، ثم ابدأ هذه العملية.</numerusform>
            <numerusform>توجد عمليتا تحقق جاريتان بالفعل، وهذا هو الحد الأقصى الذي يتابعه المكتب في وقت واحد. انتظر حتى تنتهي إحداهما أو ألغِ إحداهما، ثم ابدأ هذه العملية.</numerusform>
            <numerusform>توجد %Ln عمليات تحقق جارية بالفعل، وهذا هو الحد الأقصى الذي يتابعه المكتب في وقت واحد. انتظر حتى تنتهي إحداها أو ألغِ إحداها، ثم ابدأ هذه العملية.</numerusform>
            <numerusform>توجد %Ln عملية تحقق جارية بالفعل، وهذا هو الحد الأقصى الذي يتابعه المكتب في وقت واحد. انتظر حتى تنتهي إحداها أو ألغِ إحداها، ثم ابدأ هذه العملية.</numerusform>
            <numerusform>توجد %Ln عملية تحقق جارية بالفعل، وهذا هو الحد الأقصى الذي يتابعه المكتب في وقت واحد. انتظر حتى تنتهي إحداها أو ألغِ إحداها، ثم ابدأ هذه العملية.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeskTray</name>
    <message>
        <source>Show desk</source>
        <translation>إظهار المكتب</translation>
    </message>
    <message>
        <source>New verification</source>
        <translation>عملية تحقق جديدة</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>إنهاء</translation>
    </message>
    <message>
        <source>Verification desk</source>
        <translation>مكتب التحقق</translation>
    </message>
    <message>
        <source>Verification finished</source>
        <translation>انتهت عملية التحقق</translation>
    </message>
</context>
<context>
    <name>DeskWindow</name>
    <message>
        <source>Unexpected error (logged): %1</source>
        <translation>خطأ غير متوقع (تم تسجيله): %1</translation>
    </message>
    <message>
        <source>Verification desk</source>
        <translation>مكتب التحقق</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>تم النسخ.</translation>
    </message>
    <message>
        <source>&amp;New verification…</source>
        <translation>عملية تحقق &amp;جديدة…</translation>
    </message>
    <message>
        <source>&amp;Save receipt…</source>
        <translation>&amp;حفظ الإيصال…</translation>
    </message>
    <message>
        <source>&amp;Export summary as JSON…</source>
        <translation>&amp;تصدير الملخص بصيغة JSON…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;إنهاء</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>التف&amp;ضيلات…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <source>&amp;Copy ids</source>
        <translation>&amp;نسخ المعرّفات</translation>
    </message>
    <message>
        <source>Copy &amp;JSON summary</source>
        <translation>نسخ ملخص &amp;JSON</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>ال&amp;سجل</translation>
    </message>
    <message>
        <source>Show to &amp;customer</source>
        <translation>عرض على ال&amp;عميل</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message numerus="yes">
        <source>%n verifications are already running, the most the desk follows at once. Wait for one to finish, or cancel one, then start this one.</source>
        <translation>
            <numerusform>لا توجد عمليات تحقق جارية (%Ln)، وهو الحد الأقصى الذي يتابعه المكتب في وقت واحد. ابدأ هذه العملية لاحقًا.</numerusform>
            <numerusform>توجد عملية تحقق واحدة جارية بالفعل، وهي الحد الأقصى الذي يتابعه المكتب في وقت واحد. انتظر حتى تنتهي أو ألغِها، ثم ابدأ هذه العملية.</numerusform>
            <numerusform>توجد عمليتا تحقق جاريتان بالفعل، وهذا هو الحد الأقصى الذي يتابعه المكتب في وقت واحد. انتظر حتى تنتهي إحداهما أو ألغِ إحداهما، ثم ابدأ هذه العملية.</numerusform>
            <numerusform>توجد %Ln عمليات تحقق جارية بالفعل، وهذا هو الحد الأقصى الذي يتابعه المكتب في وقت واحد. انتظر حتى تنتهي إحداها أو ألغِ إحداها، ثم ابدأ هذه العملية.</numerusform>
            <numerusform>توجد %Ln عملية تحقق جارية بالفعل، وهذا هو الحد الأقصى الذي يتابعه المكتب في وقت واحد. انتظر حتى تنتهي إحداها أو ألغِ إحداها، ثم ابدأ هذه العملية.</numerusform>
            <numerusform>توجد %Ln عملية تحقق جارية بالفعل، وهذا هو الحد الأقصى الذي يتابعه المكتب في وقت واحد. انتظر حتى تنتهي إحداها أو ألغِ إحداها، ثم ابدأ هذه العملية.</numerusform>
        </translation>
    </message>
    <message>
        <source>Desk full</source>
        <translation>المكتب ممتلئ</translation>
    </message>
    <message>
        <source>Journal: %1</source>
        <translation>السجل: %1</translation>
    </message>
    <message>
        <source>Ids copied.</source>
        <translation>تم نسخ المعرّفات.</translation>
    </message>
    <message>
        <source>JSON summary copied.</source>
        <translation>تم نسخ ملخص JSON.</translation>
    </message>
    <message>
        <source>Save receipt</source>
        <translation>حفظ الإيصال</translation>
    </message>
    <message>
        <source>The receipt could not be saved: %1</source>
        <translation>تعذّر حفظ الإيصال: %1</translation>
    </message>
    <message>
        <source>Receipt saved to %1</source>
        <translation>تم حفظ الإيصال في %1</translation>
    </message>
    <message>
        <source>Export summary</source>
        <translation>تصدير الملخص</translation>
    </message>
    <message>
        <source>The summary could not be saved: %1</source>
        <translation>تعذّر حفظ الملخص: %1</translation>
    </message>
    <message>
        <source>Desk help</source>
        <translation>مساعدة المكتب</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>المكتب</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n of at most %1 running</source>
        <translation>
            <numerusform>لا شيء قيد التشغيل (%Ln) من %1 كحد أقصى</numerusform>
            <numerusform>واحدة قيد التشغيل من %1 كحد أقصى</numerusform>
            <numerusform>اثنتان قيد التشغيل من %1 كحد أقصى</numerusform>
            <numerusform>%Ln قيد التشغيل من %1 كحد أقصى</numerusform>
            <numerusform>%Ln قيد التشغيل من %1 كحد أقصى</numerusform>
            <numerusform>%Ln قيد التشغيل من %1 كحد أقصى</numerusform>
        </translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>جارٍ الإرسال…</translation>
    </message>
    <message>
        <source>The hand-off failed: %1</source>
        <translation>فشل التسليم: %1</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>تم التسليم</translation>
    </message>
    <message>
        <source>Verification desk: history</source>
        <translation>مكتب التحقق: السجل</translation>
    </message>
    <message>
        <source>Preferences saved.</source>
        <translation>تم حفظ التفضيلات.</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Show to customer</source>
        <translation>عرض على العميل</translation>
    </message>
    <message>
        <source>Cancel verification</source>
        <translation>إلغاء التحقق</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>البدء من جديد</translation>
    </message>
    <message>
        <source>A new verification with the same reference and checks</source>
        <translation>عملية تحقق جديدة بالمرجع نفسه وعمليات التحقق نفسها</translation>
    </message>
    <message>
        <source>Remove from the list</source>
        <translation>إزالة من القائمة</translation>
    </message>
    <message>
        <source>Select a verification in the list to see it.</source>
        <translation>اختر عملية تحقق من القائمة لعرضها.</translation>
    </message>
    <message>
        <source>No verification yet.
File &gt; New verification (Ctrl+N) starts one.</source>
        <translation>لا توجد عملية تحقق بعد.
ملف &gt; عملية تحقق جديدة (Ctrl+N) لبدء واحدة.</translation>
    </message>
    <message>
        <source>Verification without reference</source>
        <translation>عملية تحقق بدون مرجع</translation>
    </message>
</context>
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
    <name>History</name>
    <message>
        <source>Passed</source>
        <translation>ناجحة</translation>
    </message>
    <message>
        <source>Not passed</source>
        <translation>غير ناجحة</translation>
    </message>
    <message>
        <source>Failed (service)</source>
        <translation>فشلت (الخدمة)</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>منتهية الصلاحية</translation>
    </message>
    <message>
        <source>Cancelled by the customer</source>
        <translation>ألغاها العميل</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>خطأ</translation>
    </message>
    <message>
        <source>Unfinished</source>
        <translation>غير مكتملة</translation>
    </message>
    <message>
        <source>Cancelled by staff</source>
        <translation>ألغاها الموظف</translation>
    </message>
    <message>
        <source>Walked away</source>
        <translation>غادر العميل</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>متوقفة</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>قيد التنفيذ</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>المرجع</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>البدء</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>النتيجة</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>عمليات التحقق</translation>
    </message>
    <message>
        <source>Session id</source>
        <translation>معرّف الجلسة</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>الأسباب</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Search a reference or a session id</source>
        <translation>ابحث عن مرجع أو معرّف جلسة</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>بحث</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>النتيجة</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>كل النتائج</translation>
    </message>
    <message>
        <source>Between</source>
        <translation>بين</translation>
    </message>
    <message>
        <source>Only the sessions started between these days (included)</source>
        <translation>الجلسات التي بدأت بين هذين اليومين فقط (ضمنًا)</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>اليوم الأول</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>اليوم الأخير</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>تصدير CSV…</translation>
    </message>
    <message>
        <source>Save the sessions shown as a CSV file</source>
        <translation>حفظ الجلسات المعروضة في ملف CSV</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>الجلسات</translation>
    </message>
    <message>
        <source>Session details</source>
        <translation>تفاصيل الجلسة</translation>
    </message>
    <message>
        <source>Select a session to read its full reasons.</source>
        <translation>اختر جلسة لقراءة أسبابها كاملة.</translation>
    </message>
    <message>
        <source>Sessions shown</source>
        <translation>الجلسات المعروضة</translation>
    </message>
    <message>
        <source>Copy the session&apos;s ids</source>
        <translation>نسخ معرّفات الجلسة</translation>
    </message>
    <message>
        <source>No journal: sessions are not recorded.</source>
        <translation>لا يوجد سجل: لا يتم تسجيل الجلسات.</translation>
    </message>
    <message>
        <source>The newest {n} sessions that match; narrow the search for older ones.</source>
        <translation>أحدث {n} من الجلسات المطابقة؛ ضيّق البحث لرؤية الأقدم.</translation>
    </message>
    <message numerus="yes">
        <source>%n sessions.</source>
        <translation>
            <numerusform>لا توجد جلسات (%Ln).</numerusform>
            <numerusform>جلسة واحدة.</numerusform>
            <numerusform>جلستان.</numerusform>
            <numerusform>%Ln جلسات.</numerusform>
            <numerusform>%Ln جلسة.</numerusform>
            <numerusform>%Ln جلسة.</numerusform>
        </translation>
    </message>
    <message>
        <source>The journal cannot be read: {error}</source>
        <translation>تتعذّر قراءة السجل: {error}</translation>
    </message>
    <message>
        <source>Reference: {value}</source>
        <translation>المرجع: {value}</translation>
    </message>
    <message>
        <source>Outcome: {value}</source>
        <translation>النتيجة: {value}</translation>
    </message>
    <message>
        <source>Started: {value}</source>
        <translation>البدء: {value}</translation>
    </message>
    <message>
        <source>Ended: {value}</source>
        <translation>الانتهاء: {value}</translation>
    </message>
    <message>
        <source>Checks: {value}</source>
        <translation>عمليات التحقق: {value}</translation>
    </message>
    <message>
        <source>Scores: liveness {l}, deepfake {d}, face match {s}</source>
        <translation>النتائج: الحيوية {l}، التزييف العميق {d}، مطابقة الوجه {s}</translation>
    </message>
    <message>
        <source>Session id: {value}</source>
        <translation>معرّف الجلسة: {value}</translation>
    </message>
    <message>
        <source>Matched template: {value}</source>
        <translation>النموذج المطابق: {value}</translation>
    </message>
    <message>
        <source>Enrolled template: {value}</source>
        <translation>النموذج المسجّل: {value}</translation>
    </message>
    <message>
        <source>Reasons:</source>
        <translation>الأسباب:</translation>
    </message>
    <message>
        <source>Error: {value}</source>
        <translation>خطأ: {value}</translation>
    </message>
    <message>
        <source>Export the sessions shown</source>
        <translation>تصدير الجلسات المعروضة</translation>
    </message>
    <message>
        <source>Not exported: {error}</source>
        <translation>لم يتم التصدير: {error}</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n sessions to {path}.</source>
        <translation>
            <numerusform>لم تُصدَّر أي جلسة (%Ln) إلى {path}.</numerusform>
            <numerusform>تم تصدير جلسة واحدة إلى {path}.</numerusform>
            <numerusform>تم تصدير جلستين إلى {path}.</numerusform>
            <numerusform>تم تصدير %Ln جلسات إلى {path}.</numerusform>
            <numerusform>تم تصدير %Ln جلسة إلى {path}.</numerusform>
            <numerusform>تم تصدير %Ln جلسة إلى {path}.</numerusform>
        </translation>
    </message>
    <message>
        <source>the journal could not be read (%1)</source>
        <translation>تعذّرت قراءة السجل (%1)</translation>
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
    <name>NewSessionDialog</name>
    <message>
        <source>New verification</source>
        <translation>عملية تحقق جديدة</translation>
    </message>
    <message>
        <source>Customer number or case id (optional)</source>
        <translation>رقم العميل أو رقم الملف (اختياري)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>بدء</translation>
    </message>
    <message>
        <source>Reference:</source>
        <translation>المرجع:</translation>
    </message>
    <message>
        <source>Checks:</source>
        <translation>عمليات التحقق:</translation>
    </message>
    <message numerus="yes">
        <source>The reference is %n characters long; use at most %1.</source>
        <translation>
            <numerusform>المرجع لا يحتوي على أي حرف (%Ln)؛ الحد الأقصى %1.</numerusform>
            <numerusform>طول المرجع حرف واحد؛ الحد الأقصى %1.</numerusform>
            <numerusform>طول المرجع حرفان؛ الحد الأقصى %1.</numerusform>
            <numerusform>طول المرجع %Ln أحرف؛ الحد الأقصى %1.</numerusform>
            <numerusform>طول المرجع %Ln حرفًا؛ الحد الأقصى %1.</numerusform>
            <numerusform>طول المرجع %Ln حرف؛ الحد الأقصى %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>The reference holds a character that cannot be shown (U+%1), often pasted along with it; type the reference again.</source>
        <translation>يحتوي المرجع على حرف لا يمكن عرضه (U+%1)، وغالبًا ما يُلصق معه؛ اكتب المرجع من جديد.</translation>
    </message>
    <message>
        <source>Tick at least one check.</source>
        <translation>حدّد عملية تحقق واحدة على الأقل.</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Desk preferences</source>
        <translation>تفضيلات المكتب</translation>
    </message>
    <message>
        <source>Customer screen</source>
        <translation>شاشة العميل</translation>
    </message>
    <message>
        <source>Hand-off command</source>
        <translation>أمر التسليم</translation>
    </message>
    <message>
        <source>Hand-off URL</source>
        <translation>عنوان URL للتسليم</translation>
    </message>
    <message>
        <source>Hand-off timeout (s)</source>
        <translation>مهلة التسليم (ث)</translation>
    </message>
    <message>
        <source>Hand-off retries</source>
        <translation>محاولات إعادة التسليم</translation>
    </message>
    <message>
        <source>empty: none</source>
        <translation>فارغ: لا شيء</translation>
    </message>
    <message>
        <source>None: the desk shows the code</source>
        <translation>لا شيء: يعرض المكتب الرمز</translation>
    </message>
    <message>
        <source>{number}: {name} ({width}×{height})</source>
        <translation>{number}: {name} ({width}×{height})</translation>
    </message>
    <message>
        <source>{screen}, the desk window&apos;s screen</source>
        <translation>{screen}، شاشة نافذة المكتب</translation>
    </message>
    <message>
        <source>{screen} (not connected)</source>
        <translation>{screen} (غير موصولة)</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>لم يتم الحفظ: {error}</translation>
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
    <name>Receipt</name>
    <message>
        <source>Reference</source>
        <translation>المرجع</translation>
    </message>
    <message>
        <source>Session id</source>
        <translation>معرّف الجلسة</translation>
    </message>
    <message>
        <source>Matched template id</source>
        <translation>معرّف النموذج المطابق</translation>
    </message>
    <message>
        <source>Enrolled template id</source>
        <translation>معرّف النموذج المسجّل</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>البدء</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>الانتهاء</translation>
    </message>
    <message>
        <source>Server status</source>
        <translation>حالة الخادم</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>المكتب</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>الأسباب</translation>
    </message>
    <message>
        <source>Quality advice</source>
        <translation>نصائح الجودة</translation>
    </message>
    <message>
        <source>PASS: identity verified</source>
        <translation>ناجح: تم التحقق من الهوية</translation>
    </message>
    <message>
        <source>FAIL: identity not verified</source>
        <translation>فاشل: لم يتم التحقق من الهوية</translation>
    </message>
    <message>
        <source>Ended: the link expired</source>
        <translation>انتهت: انتهت صلاحية الرابط</translation>
    </message>
    <message>
        <source>Ended: canceled by the customer</source>
        <translation>انتهت: ألغاها العميل</translation>
    </message>
    <message>
        <source>Ended: the verification failed</source>
        <translation>انتهت: فشلت عملية التحقق</translation>
    </message>
    <message>
        <source>Ended: the desk could not get an answer</source>
        <translation>انتهت: لم يتلقَّ المكتب أي رد</translation>
    </message>
    <message>
        <source>Not finished</source>
        <translation>غير مكتملة</translation>
    </message>
    <message>
        <source>Printed %1</source>
        <translation>طُبع في %1</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>التحقق</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>النتيجة</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>الدرجة</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>الحد المطلوب</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>ناجح</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>فاشل</translation>
    </message>
    <message>
        <source>-</source>
        <translation>-</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>عمليات التحقق</translation>
    </message>
    <message>
        <source>Liveness</source>
        <translation>التحقق من الحيوية</translation>
    </message>
    <message>
        <source>Deepfake</source>
        <translation>التزييف العميق</translation>
    </message>
    <message>
        <source>Enrolment</source>
        <translation>التسجيل</translation>
    </message>
    <message>
        <source>Face match</source>
        <translation>مطابقة الوجه</translation>
    </message>
    <message>
        <source>vendor&apos;s own pass flag</source>
        <translation>مؤشر النجاح الخاص بالمورّد</translation>
    </message>
    <message>
        <source>at least %1 and the vendor&apos;s pass flag</source>
        <translation>%1 على الأقل ومؤشر النجاح الخاص بالمورّد</translation>
    </message>
    <message>
        <source>at least %1</source>
        <translation>%1 على الأقل</translation>
    </message>
    <message>
        <source>a template is created</source>
        <translation>يتم إنشاء نموذج</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>خطأ</translation>
    </message>
    <message>
        <source>Identity verification receipt</source>
        <translation>إيصال التحقق من الهوية</translation>
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
    <name>ResultView</name>
    <message>
        <source>Check</source>
        <translation>التحقق</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>النتيجة</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>الدرجة</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>الحد المطلوب</translation>
    </message>
    <message>
        <source>Copy ids</source>
        <translation>نسخ المعرّفات</translation>
    </message>
    <message>
        <source>Copy JSON summary</source>
        <translation>نسخ ملخص JSON</translation>
    </message>
    <message>
        <source>Save receipt (PDF)…</source>
        <translation>حفظ الإيصال (PDF)…</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>الأسباب</translation>
    </message>
    <message>
        <source>Quality advice</source>
        <translation>نصائح الجودة</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>ناجح</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>فاشل</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>لا شيء.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(لا يوجد)</translation>
    </message>
    <message>
        <source>Reference:</source>
        <translation>المرجع:</translation>
    </message>
    <message>
        <source>Session id:</source>
        <translation>معرّف الجلسة:</translation>
    </message>
    <message>
        <source>Search template id:</source>
        <translation>معرّف نموذج البحث:</translation>
    </message>
    <message>
        <source>Enrolled template id:</source>
        <translation>معرّف النموذج المسجّل:</translation>
    </message>
    <message>
        <source>Started:</source>
        <translation>البدء:</translation>
    </message>
    <message>
        <source>Ended:</source>
        <translation>الانتهاء:</translation>
    </message>
    <message>
        <source>Server status:</source>
        <translation>حالة الخادم:</translation>
    </message>
    <message>
        <source>Hand-off: %1</source>
        <translation>التسليم: %1</translation>
    </message>
    <message>
        <source>not judged</source>
        <translation>لم يُقيَّم</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>ناجح</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>فاشل</translation>
    </message>
    <message>
        <source>the vendor&apos;s own pass flag</source>
        <translation>مؤشر النجاح الخاص بالمورّد</translation>
    </message>
    <message>
        <source>the vendor&apos;s flag and at least %1</source>
        <translation>مؤشر المورّد و%1 على الأقل</translation>
    </message>
    <message>
        <source>a template was created</source>
        <translation>تم إنشاء نموذج</translation>
    </message>
    <message>
        <source>at least %1</source>
        <translation>%1 على الأقل</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>منتهية الصلاحية</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>ملغاة</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>فشلت</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>خطأ</translation>
    </message>
    <message>
        <source>Unfinished</source>
        <translation>غير مكتملة</translation>
    </message>
</context>
<context>
    <name>SessionTableModel</name>
    <message>
        <source>Reference</source>
        <translation>المرجع</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>الخطوة</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>الوقت المتبقي</translation>
    </message>
    <message>
        <source>Hand-off</source>
        <translation>التسليم</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(لا يوجد)</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>ناجح</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>فاشل</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>جارٍ البدء…</translation>
    </message>
    <message>
        <source>Waiting for the scan</source>
        <translation>بانتظار المسح</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>قيد التنفيذ</translation>
    </message>
    <message>
        <source> (connection problem, retrying)</source>
        <translation> (مشكلة في الاتصال، جارٍ إعادة المحاولة)</translation>
    </message>
    <message>
        <source>Cancelled at the desk</source>
        <translation>أُلغيت في المكتب</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>منتهية الصلاحية</translation>
    </message>
    <message>
        <source>Cancelled on the phone</source>
        <translation>أُلغيت على الهاتف</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>فشلت</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>انتهت</translation>
    </message>
    <message>
        <source>Error: %1 (retry or close)</source>
        <translation>خطأ: %1 (أعد المحاولة أو أغلق)</translation>
    </message>
    <message>
        <source>no connection to the server</source>
        <translation>لا يوجد اتصال بالخادم</translation>
    </message>
    <message>
        <source>the server refused the credentials</source>
        <translation>رفض الخادم بيانات الاعتماد</translation>
    </message>
    <message>
        <source>the server refused the request</source>
        <translation>رفض الخادم الطلب</translation>
    </message>
    <message>
        <source>the server&apos;s answer could not be read</source>
        <translation>تعذّرت قراءة رد الخادم</translation>
    </message>
    <message>
        <source>the session link points at an untrusted site</source>
        <translation>رابط الجلسة يشير إلى موقع غير موثوق</translation>
    </message>
    <message>
        <source>the server lost the session</source>
        <translation>فقد الخادم الجلسة</translation>
    </message>
    <message>
        <source>an unexpected error</source>
        <translation>خطأ غير متوقع</translation>
    </message>
    <message>
        <source>next step</source>
        <translation>الخطوة التالية</translation>
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
