; Inno Setup 6 script: a per-user installer for the PyInstaller folder.
; Build the folder first (packaging/build.sh, on Windows), then:
;   iscc packaging\windows\emotrainer.iss      ->  dist\emotrainer-0.1.0-setup.exe
; See docs/packaging.md.
;
; The app id is io.github.emotrainer.Emotrainer (emotrainer/__init__.py APP_ID).
; Inno's AppId below is a GUID of its own, made once for emotrainer: Windows
; knows the installed app by it, so that an update replaces it in place. It must
; NEVER change (tests/test_packaging.py holds it too).
;
; THE PERSON'S DATA IS NEVER TOUCHED. It lives in %LOCALAPPDATA%\emotrainer
; (platformdirs' user data folder, emotrainer/paths.py), apart from the program
; folder %LOCALAPPDATA%\Programs\emotrainer. Uninstalling removes the program
; folder only: there is no [UninstallDelete] section, and none may be added
; that reaches the data folder.

#define AppVersion "0.1.0"

[Setup]
AppId={{D1A9BACB-AA78-4BBC-A193-DC8D93D2B1FD}
AppName=emotrainer
AppVersion={#AppVersion}
AppVerName=emotrainer {#AppVersion}
AppPublisher=emotrainer developers
AppCopyright=© emotrainer developers. GPL-3.0-or-later.
; Per user: no administrator rights asked, nothing written outside the profile.
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\emotrainer
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SourceDir=..\..
OutputDir=dist
OutputBaseFilename=emotrainer-{#AppVersion}-setup
SetupIconFile=packaging\windows\emotrainer.ico
UninstallDisplayIcon={app}\emotrainer.exe
UninstallDisplayName=emotrainer
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole PyInstaller folder: emotrainer.exe (the window), emotrainer-cli.exe
; (commands and --self-test) and _internal\.
Source: "dist\emotrainer\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\emotrainer"; Filename: "{app}\emotrainer.exe"; Comment: "Practise noticing and naming feelings"
Name: "{autodesktop}\emotrainer"; Filename: "{app}\emotrainer.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\emotrainer.exe"; Description: "{cm:LaunchProgram,emotrainer}"; Flags: nowait postinstall skipifsilent
