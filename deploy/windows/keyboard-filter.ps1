<#
.SYNOPSIS
    Blocks the key combinations a visitor could use to leave the exhibit, should a keyboard
    ever be plugged in: Ctrl+Alt+Del, the Windows key, Alt+Tab, Alt+F4, Ctrl+Esc,
    Ctrl+Shift+Esc (Task Manager), Win+L.

.DESCRIPTION
    Keyboard Filter needs Windows Enterprise, Education or IoT Enterprise. Enable it once
    (as an administrator), restart, then run this script as an administrator:
        Enable-WindowsOptionalFeature -Online -FeatureName Client-KeyboardFilter -All
        powershell.exe -ExecutionPolicy Bypass -File C:\Kiosk\deploy\keyboard-filter.ps1
    The filter does not apply to administrator accounts (DisableKeyboardFilterForAdministrators),
    so staff signed in as an administrator keep every key.
    To undo: run it with -Unblock.
#>
param([switch] $Unblock)

$ErrorActionPreference = "Stop"
$common = @{ Namespace = "root\standardcimv2\embedded" }

$keys = @("Ctrl+Alt+Del", "Windows", "Alt+Tab", "Alt+F4", "Ctrl+Esc", "Shift+Ctrl+Esc", "Win+L")
foreach ($id in $keys) {
    $key = Get-CimInstance @common -ClassName WEKF_PredefinedKey | Where-Object { $_.Id -eq $id }
    if ($null -eq $key) {
        Write-Warning "Keyboard Filter does not know '$id' on this Windows version; skipped."
        continue
    }
    $key.Enabled = -not $Unblock
    Set-CimInstance -CimInstance $key | Out-Null
    Write-Host ("{0,-16} {1}" -f $id, $(if ($Unblock) { "allowed" } else { "blocked" }))
}

$setting = Get-CimInstance @common -ClassName WEKF_Settings | Where-Object { $_.Name -eq "DisableKeyboardFilterForAdministrators" }
if ($null -ne $setting) {
    $setting.Value = "true"
    Set-CimInstance -CimInstance $setting | Out-Null
    Write-Host "Administrators are not filtered."
}
