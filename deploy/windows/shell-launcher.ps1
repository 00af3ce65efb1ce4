<#
.SYNOPSIS
    Makes the Base 11/19 kiosk the shell of the kiosk account (Shell Launcher v2):
    no desktop, no taskbar, no Start menu for that account; other accounts keep Explorer.

.DESCRIPTION
    Needs Windows Enterprise, Education or IoT Enterprise (not Home or Pro: use the logon
    task, kiosk-logon-task.xml, there). The MDM bridge it uses must be called as SYSTEM:
    run it from an elevated prompt through Sysinternals PsExec:
        psexec.exe -i -s powershell.exe -ExecutionPolicy Bypass -File C:\Kiosk\deploy\shell-launcher.ps1
    First enable the feature once (as an administrator), then restart:
        Enable-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -All

    When the kiosk ends: exit 0 (the staff chose "quit to desktop" on the admin screen)
    does nothing, so an administrator can sign out and in with another account;
    any other exit restarts the shell. The supervisor already restarts a crashed exhibit,
    so this is the last line of defence.

    To undo:  run this script with -Remove (as SYSTEM too).
#>
param(
    [string] $Account = "kiosk",
    [string] $Executable = "C:\Kiosk\kiosk.exe",
    [switch] $Remove
)

$ErrorActionPreference = "Stop"
$namespaceName = "root\cimv2\mdm\dmmap"
$className = "MDM_AssignedAccess"
$assignedAccess = Get-CimInstance -Namespace $namespaceName -ClassName $className

if ($Remove) {
    $assignedAccess.ShellLauncher = $null
    Set-CimInstance -CimInstance $assignedAccess | Out-Null
    Write-Host "Shell Launcher configuration removed; sign out and in again."
    return
}

$config = @"
<?xml version="1.0" encoding="utf-8"?>
<ShellLauncherConfiguration
  xmlns="http://schemas.microsoft.com/ShellLauncher/2018/Configuration"
  xmlns:V2="http://schemas.microsoft.com/ShellLauncher/2019/Configuration">
  <Profiles>
    <DefaultProfile>
      <Shell Shell="%SystemRoot%\explorer.exe"/>
    </DefaultProfile>
    <Profile Id="{5B3F6A52-1119-4C0A-9E11-B4A5E1119000}" Name="Base 11/19 kiosk">
      <Shell Shell="$Executable supervise --fullscreen" V2:AppType="Desktop" V2:AllAppsFullScreen="true">
        <ReturnCodeActions>
          <ReturnCodeAction ReturnCode="0" Action="DoNothing"/>
        </ReturnCodeActions>
        <DefaultAction Action="RestartShell"/>
      </Shell>
    </Profile>
  </Profiles>
  <Configs>
    <Config>
      <Account Name="$Account"/>
      <Profile Id="{5B3F6A52-1119-4C0A-9E11-B4A5E1119000}"/>
    </Config>
  </Configs>
</ShellLauncherConfiguration>
"@

$assignedAccess.ShellLauncher = [System.Net.WebUtility]::HtmlEncode($config)
Set-CimInstance -CimInstance $assignedAccess | Out-Null
Write-Host "Shell Launcher: $Account now starts '$Executable supervise --fullscreen' as its shell."
Write-Host "Sign out and in again (or restart) to see it."
