<#
.SYNOPSIS
    Settings for a Windows exhibition PC: never sleep, no screen saver, no hibernation,
    touch without edge swipes or visual feedback, Windows Update kept out of opening hours.

.DESCRIPTION
    Run once as an administrator:
        powershell.exe -ExecutionPolicy Bypass -File C:\Kiosk\deploy\kiosk-settings.ps1
    The per-user settings (touch feedback) apply to the account that runs the script: run it
    a second time signed in as the kiosk account with -UserOnly (no administrator rights needed).
    Every step prints what it did; read docs/INSTALL.md for what each one means.
#>
param(
    [int] $OpeningHour = 9,
    [int] $ClosingHour = 19,
    [switch] $UserOnly
)

$ErrorActionPreference = "Stop"

function Set-Dword($Path, $Name, $Value) {
    if (-not (Test-Path $Path)) { New-Item -Path $Path -Force | Out-Null }
    New-ItemProperty -Path $Path -Name $Name -Value $Value -PropertyType DWord -Force | Out-Null
    Write-Host "  $Path\$Name = $Value"
}

# --- Per user (the kiosk account): no touch feedback, no screen saver -----------------------
Write-Host "Touch feedback and screen saver (this account):"
Set-Dword "HKCU:\Control Panel\Cursors" "ContactVisualization" 0   # no circle under the finger
Set-Dword "HKCU:\Control Panel\Cursors" "GestureVisualization" 0   # no gesture trails
New-ItemProperty -Path "HKCU:\Control Panel\Desktop" -Name "ScreenSaveActive" -Value "0" -PropertyType String -Force | Out-Null
Write-Host "  HKCU:\Control Panel\Desktop\ScreenSaveActive = 0"
if ($UserOnly) { return }

# --- Power: the screen and the PC never sleep; no hibernation (hence no Fast Startup) -------
Write-Host "Power:"
powercfg /change monitor-timeout-ac 0
powercfg /change standby-timeout-ac 0
powercfg /change hibernate-timeout-ac 0
powercfg /change disk-timeout-ac 0
powercfg /hibernate off
# USB selective suspend off: some touch screens stop answering after a USB nap.
powercfg /setacvalueindex SCHEME_CURRENT 2a737441-1930-4402-8d77-b2bebba308a3 48e6b7a6-50f5-4782-a5d4-53bb8f07e226 0
powercfg /setactive SCHEME_CURRENT
Write-Host "  screen, sleep, hibernation and disk timeouts off on mains power; hibernation off; USB selective suspend off"

# --- Touch: no edge swipes (they open the notification and task panes) ----------------------
Write-Host "Edge swipes:"
Set-Dword "HKLM:\SOFTWARE\Policies\Microsoft\Windows\EdgeUI" "AllowEdgeSwipe" 0

# --- Windows Update: never restart during opening hours ------------------------------------
Write-Host "Windows Update (active hours $($OpeningHour):00-$($ClosingHour):00, no restart while signed in):"
$policy = "HKLM:\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate"
Set-Dword $policy "SetActiveHours" 1
Set-Dword $policy "ActiveHoursStart" $OpeningHour
Set-Dword $policy "ActiveHoursEnd" $ClosingHour
Set-Dword "HKLM:\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU" "NoAutoRebootWithLoggedOnUsers" 1

Write-Host "Done. Restart the PC for every setting to apply."
