; Inno Setup script for the Windows installer of Deepfake Detector.
; packaging/build.py runs it on Windows after PyInstaller, as:
;   ISCC.exe /DAppVersion=0.1.0 /DBundleDir=...\packaging\dist\deepfake-detector
;            /DOutputDir=...\packaging\dist /DIconFile=...\deepfake-detector.ico /DRepoDir=...
;            packaging\windows\deepfake-detector.iss
; It installs the one-folder bundle per user by default (no administrator needed, the
; newsroom laptop case) or for all users, with a Start menu entry for the window and
; the console program `deepfake-detector.exe` for scans from a terminal.
; NOT TESTED HERE: this project's machines are Linux; a Windows CI runner builds it.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\dist\deepfake-detector"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist"
#endif
#ifndef IconFile
  #define IconFile "..\build\icons\deepfake-detector.ico"
#endif

[Setup]
AppId={{6C1E3F4A-2B7D-4E8A-9C51-0D2F6A7B8C90}
AppName=Deepfake Detector
AppVersion={#AppVersion}
AppVerName=Deepfake Detector {#AppVersion}
AppPublisher=Deepfake Detector maintainers
DefaultDirName={autopf}\Deepfake Detector
DefaultGroupName=Deepfake Detector
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=deepfake-detector-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\DeepfakeDetector.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesEnvironment=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder bundle: both programs, _internal\ with Python, Qt, the models,
; the sample images and the licences.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Deepfake Detector"; Filename: "{app}\DeepfakeDetector.exe"
Name: "{group}\Uninstall Deepfake Detector"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Deepfake Detector"; Filename: "{app}\DeepfakeDetector.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\DeepfakeDetector.exe"; Description: "{cm:LaunchProgram,Deepfake Detector}"; Flags: nowait postinstall skipifsilent

; The console program for scripted scans: "%LOCALAPPDATA%\Programs\Deepfake Detector\deepfake-detector.exe" scan FOLDER --csv out.csv
