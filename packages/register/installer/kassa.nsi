; Kassa – installationsprogram för Windows (NSIS 3, Modern UI 2, x64). Byggs av
; packages/register/scripts/build-register.mjs (makensis -DVERSION=… -DKASSA_EXE=… …); see
; docs/adr/0010-windows-installer.md for why NSIS, a per-machine install and a log-on start.
;
; Options: /S silent (keeps an existing data folder), /START also starts kassa after a silent
; install. The data folder %ProgramData%\Kassa ($APPDATA in the "all" shell context) is never deleted, not even by the uninstaller.
Unicode true
Target amd64-unicode
ManifestSupportedOS all
ManifestDPIAware true
RequestExecutionLevel admin
SetCompressor /SOLID lzma

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"

!ifndef VERSION
  !error "define VERSION"
!endif
!ifdef UNSIGNED
  !define CAPTION_SUFFIX " (osignerad)"
!else
  !define CAPTION_SUFFIX ""
!endif
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Kassa"
!define RUN_KEY "Software\Microsoft\Windows\CurrentVersion\Run"

Name "Kassa ${VERSION}${CAPTION_SUFFIX}"
Caption "Kassa ${VERSION}${CAPTION_SUFFIX} – installation"
BrandingText "Kassa ${VERSION}${CAPTION_SUFFIX}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\Kassa"

!ifdef SIGN_UNINSTALLER
  !uninstfinalize '${SIGN_UNINSTALLER}'
!endif

VIProductVersion "${VIVERSION}"
VIAddVersionKey /LANG=0 "ProductName" "Kassa"
VIAddVersionKey /LANG=0 "CompanyName" "Kassa"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "Kassa ${VERSION} – installationsprogram${CAPTION_SUFFIX}"
VIAddVersionKey /LANG=0 "LegalCopyright" "© Kassa"

!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_TEXT "Starta Kassa och öppna $\"Anslut kassan$\""
!define MUI_FINISHPAGE_RUN_FUNCTION StartKassa
!define MUI_FINISHPAGE_SHOWREADME "$INSTDIR\LASMIG.txt"
!define MUI_FINISHPAGE_SHOWREADME_TEXT "Visa LASMIG.txt"
!define MUI_FINISHPAGE_SHOWREADME_NOTCHECKED
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Swedish"

Var DataDir

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "Kassa kräver 64-bitars Windows." /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Function StartKassa
  Exec '"$INSTDIR\kassa.exe" open'
FunctionEnd

; An earlier installation's data: keep it (default, and always in silent mode) or move it aside.
; Nothing is deleted: archiving renames the folder with the date and time in its name.
Function OfferArchive
  Exch $0
  ${GetTime} "" "L" $1 $2 $3 $4 $5 $6 $7
  MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON1 \
    "Det finns redan kassadata från en tidigare installation i$\r$\n$0$\r$\n$\r$\nJa: behåll den och fortsätt med samma kassa.$\r$\nNej: flytta undan (arkivera) den och börja om – inget raderas." \
    /SD IDYES IDYES keep
  Rename "$0" "$0-arkiv-$3$2$1-$5$6$7"
  DetailPrint "Arkiverad: $0-arkiv-$3$2$1-$5$6$7"
  keep:
  Pop $0
FunctionEnd

Section "Kassa" SecMain
  SetShellVarContext all
  SetRegView 64
  StrCpy $DataDir "$APPDATA\Kassa"
  ; A running kassa holds kassa.exe open: stop it before replacing the file.
  nsExec::Exec 'taskkill /F /IM kassa.exe'
  Pop $0

  ${If} ${FileExists} "$DataDir\register.json"
    Push $DataDir
    Call OfferArchive
  ${EndIf}
  ${If} ${FileExists} "C:\Alpacha\*.*"
    Push "C:\Alpacha"
    Call OfferArchive
  ${EndIf}

  SetOutPath "$INSTDIR"
  File "/oname=kassa.exe" "${KASSA_EXE}"
  File "/oname=LASMIG.txt" "${LASMIG}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$DataDir"
  nsExec::ExecToLog 'icacls "$DataDir" /grant *S-1-5-32-545:(OI)(CI)M'
  Pop $0

  CreateShortcut "$SMPROGRAMS\Kassa.lnk" "$INSTDIR\kassa.exe" "open" "$INSTDIR\kassa.exe" 0
  CreateShortcut "$DESKTOP\Kassa.lnk" "$INSTDIR\kassa.exe" "open" "$INSTDIR\kassa.exe" 0
  WriteRegStr HKLM "${RUN_KEY}" "Kassa" '"$INSTDIR\kassa.exe" start --background'

  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "Kassa"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "Kassa"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\kassa.exe"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINST_KEY}" "EstimatedSize" "$0"

  ; The provisioning tag inside this installer's signature (kassa-provisioning.json); exits 0
  ; when there is none.
  nsExec::ExecToLog '"$INSTDIR\kassa.exe" install-provisioning "$EXEPATH"'
  Pop $0
  DetailPrint "install-provisioning: $0"

  ${If} ${Silent}
    ${GetParameters} $1
    ClearErrors
    ${GetOptions} $1 "/START" $2
    ${IfNot} ${Errors}
      Call StartKassa
    ${EndIf}
  ${EndIf}
SectionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Section "Uninstall"
  SetShellVarContext all
  SetRegView 64
  nsExec::Exec 'taskkill /F /IM kassa.exe'
  Pop $0
  Delete "$INSTDIR\kassa.exe"
  Delete "$INSTDIR\LASMIG.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\Kassa.lnk"
  Delete "$DESKTOP\Kassa.lnk"
  DeleteRegValue HKLM "${RUN_KEY}" "Kassa"
  DeleteRegKey HKLM "${UNINST_KEY}"
  MessageBox MB_ICONINFORMATION "Kassa är avinstallerad. Kassans data (journalminnet) finns kvar i$\r$\n$APPDATA\Kassa$\r$\nmed tanke på lagkravet att spara journalen (SKVFS 2021:16). Den raderas inte." /SD IDOK
SectionEnd
