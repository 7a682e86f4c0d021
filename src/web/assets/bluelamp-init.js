/* global document, HTMLScriptElement */
// Marks the page as able to run GOV.UK Frontend's scripts (the template's inline script, moved
// to a file so the content security policy can forbid inline scripts).
document.body.className +=
  ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
