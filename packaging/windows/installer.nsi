; Windows installer of the verification kiosk (NSIS 3). Built by packaging\windows\build.ps1:
;   makensis /DVERSION=0.1.0 /DBUNDLE=dist\verification-kiosk /DOUTFILE=dist\setup.exe installer.nsi
;
; Installs the one-folder bundle into Program Files, Start menu entries (the kiosk, and its
; self-test in a console for technicians), and an autostart for a dedicated Windows account:
; a scheduled task that starts the kiosk full screen when that account logs on (its own
; session, its own Credential Locker for the APP-KEY and the PIN). The account must exist;
; create it first (the deployment guide: a local standard user, auto-logon or Assigned Access).
;
; Silent install for fleet tooling:  setup.exe /S /KIOSKUSER=kiosk   (default account: kiosk)
;                                    setup.exe /S /NOAUTOSTART        (no task)
; Uninstalling removes the program, the shortcuts and the task; the kiosk account's settings,
; journal and secrets (in that account's profile and Credential Locker) are kept.
;
; Compiled on Linux by tests/unit/test_packaging.py against a stand-in bundle (Debian's nsis);
; it has not been run on Windows by this project's checks.

Unicode true
!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"

!ifndef VERSION
  !error "VERSION is not defined: makensis /DVERSION=x.y.z ..."
!endif
!ifndef BUNDLE
  !error "BUNDLE is not defined: makensis /DBUNDLE=path\to\dist\verification-kiosk ..."
!endif
!ifndef OUTFILE
  !define OUTFILE "verification-kiosk-${VERSION}-setup.exe"
!endif

!define NAME "Verification Kiosk"
!define TASK "Verification Kiosk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\verification-kiosk"

Name "${NAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${NAME}"
RequestExecutionLevel admin
SetCompressor /SOLID lzma
ManifestDPIAware true

!define MUI_ICON "${BUNDLE}\_internal\kiosk_resources\icons\verification-kiosk.ico"
!define MUI_UNICON "${BUNDLE}\_internal\kiosk_resources\icons\verification-kiosk.ico"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Var KioskUser


Section "Verification Kiosk (required)" SecProgram
  SectionIn RO
  ; An upgrade replaces the program's folder whole: nothing of the kiosk's state lives in it.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${BUNDLE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  SetShellVarContext all
  CreateDirectory "$SMPROGRAMS\${NAME}"
  CreateShortCut "$SMPROGRAMS\${NAME}\${NAME}.lnk" "$INSTDIR\kiosk-window.exe" "run" \
    "$INSTDIR\kiosk-window.exe" 0
  CreateShortCut "$SMPROGRAMS\${NAME}\${NAME} self-test.lnk" "$SYSDIR\cmd.exe" \
    '/k ""$INSTDIR\kiosk.exe" self-test"' "$INSTDIR\kiosk.exe" 0

  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${NAME}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\kiosk.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "Start full screen when the kiosk account logs on" SecAutostart
  ; A scheduled task with the account's interactive token: it runs in that account's own
  ; session when it logs on (no password is stored), restarted by the Task Scheduler if it
  ; fails to start. Written as UTF-16, which schtasks /XML expects.
  FileOpen $0 "$INSTDIR\autostart-task.xml" w
  FileWriteWord $0 0xFEFF
  FileWriteUTF16LE $0 '<?xml version="1.0" encoding="UTF-16"?>$\r$\n'
  FileWriteUTF16LE $0 '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">$\r$\n'
  FileWriteUTF16LE $0 '  <RegistrationInfo><Description>Starts the verification kiosk full screen when $KioskUser logs on.</Description></RegistrationInfo>$\r$\n'
  FileWriteUTF16LE $0 '  <Triggers><LogonTrigger><Enabled>true</Enabled><UserId>$KioskUser</UserId></LogonTrigger></Triggers>$\r$\n'
  FileWriteUTF16LE $0 '  <Principals><Principal id="Kiosk"><UserId>$KioskUser</UserId><LogonType>InteractiveToken</LogonType><RunLevel>LeastPrivilege</RunLevel></Principal></Principals>$\r$\n'
  FileWriteUTF16LE $0 '  <Settings>$\r$\n'
  FileWriteUTF16LE $0 '    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>$\r$\n'
  FileWriteUTF16LE $0 '    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>$\r$\n'
  FileWriteUTF16LE $0 '    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>$\r$\n'
  FileWriteUTF16LE $0 '    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>$\r$\n'
  FileWriteUTF16LE $0 '    <Priority>4</Priority>$\r$\n'
  FileWriteUTF16LE $0 '    <RestartOnFailure><Interval>PT1M</Interval><Count>999</Count></RestartOnFailure>$\r$\n'
  FileWriteUTF16LE $0 '  </Settings>$\r$\n'
  FileWriteUTF16LE $0 '  <Actions Context="Kiosk"><Exec><Command>"$INSTDIR\kiosk-window.exe"</Command><Arguments>run</Arguments><WorkingDirectory>$INSTDIR</WorkingDirectory></Exec></Actions>$\r$\n'
  FileWriteUTF16LE $0 '</Task>$\r$\n'
  FileClose $0
  nsExec::ExecToLog '"$SYSDIR\schtasks.exe" /Create /F /TN "${TASK}" /XML "$INSTDIR\autostart-task.xml"'
  Pop $1
  ${If} $1 != 0
    DetailPrint "The autostart task for the account $KioskUser was not created (schtasks: $1)."
    MessageBox MB_OK|MB_ICONEXCLAMATION "The autostart for the Windows account $KioskUser could not be set up (does the account exist?). Create the account, then run this installer again." /SD IDOK
  ${EndIf}
SectionEnd

Section "Uninstall"
  SetRegView 64
  nsExec::ExecToLog '"$SYSDIR\schtasks.exe" /Delete /F /TN "${TASK}"'
  Pop $0
  SetShellVarContext all
  RMDir /r "$SMPROGRAMS\${NAME}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\kiosk.exe"
  Delete "$INSTDIR\kiosk-window.exe"
  Delete "$INSTDIR\autostart-task.xml"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
SectionEnd

; After the sections: it refers to them.
Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "${NAME} needs 64-bit Windows."
    Abort
  ${EndIf}
  SetRegView 64
  StrCpy $KioskUser "kiosk"
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/KIOSKUSER=" $1
  ${IfNot} ${Errors}
  ${AndIf} $1 != ""
    StrCpy $KioskUser $1
  ${EndIf}
  ClearErrors
  ${GetOptions} $0 "/NOAUTOSTART" $1
  ${IfNot} ${Errors}
    SectionSetFlags ${SecAutostart} 0  ; unticked: no task
  ${EndIf}
FunctionEnd

LangString DESC_Program ${LANG_ENGLISH} "The kiosk program and its Start menu entries."
LangString DESC_Autostart ${LANG_ENGLISH} "A scheduled task that starts the kiosk when the kiosk account logs on."
!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecProgram} $(DESC_Program)
  !insertmacro MUI_DESCRIPTION_TEXT ${SecAutostart} $(DESC_Autostart)
!insertmacro MUI_FUNCTION_DESCRIPTION_END
