'use strict';

// Shows why the last sign-in failed, as the server put it in the query string.
const error = new URLSearchParams(location.search).get('error');
if (error) {
	const p = document.getElementById('login-error');
	p.textContent = error;
	p.hidden = false;
}
