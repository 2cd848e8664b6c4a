; Included by electron-builder's NSIS installer (electron-builder.yml nsis.include). The installer runs elevated
; (perMachine): it creates the machine-wide data folder (%ProgramData%\Pleno: $APPDATA in the all-users context) and lets
; every local user (BUILTIN\Users, SID S-1-5-32-545, locale-independent) modify it, so each PPK member's Windows account
; opens the same database. Uninstalling leaves the folder and the database in place.
!macro customInstall
  SetShellVarContext all
  CreateDirectory "$APPDATA\Pleno"
  nsExec::ExecToLog 'icacls "$APPDATA\Pleno" /grant *S-1-5-32-545:(OI)(CI)M'
!macroend
