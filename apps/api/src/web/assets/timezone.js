// Prefill the time-zone field with the browser's zone (the athlete can change it).
'use strict';
document.addEventListener('DOMContentLoaded', function () {
  for (const input of document.querySelectorAll('input[data-detect-timezone]')) {
    if (!input.value) input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
  }
});
