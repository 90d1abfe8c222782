'use strict';

// The dashboard reads /admin/api/dashboard and changes modes through the admin API. The session cookie set
// at sign-in authenticates the calls; the X-Requested-With header is what the gateway asks of cookie-
// authenticated changes, which a cross-site form cannot send.

const REFRESH_MILLIS = 2000;
const MODES = ['LEGACY', 'SHADOW', 'CANARY', 'NEW'];
const editing = new Set();

function text(value) {
	return (value === null || value === undefined) ? '' : String(value);
}

function cell(row, content, className) {
	const td = row.insertCell();
	if (content instanceof Node) {
		td.appendChild(content);
	}
	else {
		td.textContent = text(content);
	}
	if (className) {
		td.className = className;
	}
	return td;
}

function percent(rate) {
	return (rate === null || rate === undefined) ? '–' : (rate * 100).toFixed(rate < 0.1 ? 2 : 1) + ' %';
}

function millis(value) {
	return (value === null || value === undefined) ? '–' : Math.round(value) + ' ms';
}

function modeKind(mode) {
	return text(mode).replace(/\(.*\)$/, '');
}

function shadowText(shadow) {
	const noise = (shadow.noiseRate === null || shadow.noiseRate === undefined) ? '' : `, noise ${percent(shadow.noiseRate)}`;
	return `${percent(shadow.matchRate)} of ${shadow.compared}${noise}`;
}

function writesText(writes) {
	if (!writes) {
		return '–';
	}
	if (writes.held) {
		return `held · ${writes.waiting} waiting` + (writes.refused ? ` · ${writes.refused} refused` : '');
	}
	return writes.inFlight ? `flowing · ${writes.inFlight} in flight` : 'flowing';
}

function side(rule, name) {
	return (rule.traffic || []).find((t) => t.side === name) || null;
}

function changeForm(rule) {
	const form = document.createElement('form');
	form.className = 'change';
	form.dataset.rule = rule.id;
	const select = document.createElement('select');
	select.name = 'mode';
	for (const mode of MODES) {
		const option = document.createElement('option');
		option.value = mode;
		option.textContent = mode;
		option.selected = modeKind(rule.mode) === mode;
		select.appendChild(option);
	}
	const share = document.createElement('input');
	share.type = 'number';
	share.name = 'percent';
	share.min = '0';
	share.max = '100';
	share.title = 'canary percent';
	const current = /CANARY\((\d+)\)/.exec(rule.mode);
	share.value = current ? current[1] : '10';
	const reason = document.createElement('input');
	reason.name = 'reason';
	reason.placeholder = 'reason (required)';
	reason.required = true;
	const button = document.createElement('button');
	button.type = 'submit';
	button.textContent = 'Apply';
	form.append(select, share, reason, button);
	form.addEventListener('focusin', () => editing.add(rule.id));
	form.addEventListener('focusout', () => editing.delete(rule.id));
	form.addEventListener('submit', (event) => {
		event.preventDefault();
		const mode = select.value === 'CANARY' ? `CANARY(${share.value})` : select.value;
		changeMode(rule, mode, reason.value, form);
	});
	return form;
}

async function changeMode(rule, mode, reason, form) {
	const response = await fetch(`/admin/api/rules/${encodeURIComponent(rule.id)}`, {
		method: 'PATCH',
		credentials: 'same-origin',
		headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'figmart-dashboard' },
		body: JSON.stringify({ mode, reason, version: rule.version }),
	});
	if (response.ok) {
		editing.delete(rule.id);
		form.querySelector('input[name=reason]').value = '';
		showStatus('');
		await refresh();
		return;
	}
	let message = `${response.status} ${response.statusText}`;
	try {
		const problem = await response.json();
		message = problem.detail || problem.title || message;
	}
	catch (ignored) {
		// not a problem body
	}
	showStatus(`Rule ${rule.id}: ${message}`);
}

function showStatus(message) {
	const status = document.getElementById('status');
	status.textContent = message;
	status.hidden = !message;
}

function renderRules(rules) {
	const body = document.querySelector('#rules tbody');
	const keep = new Map([...body.querySelectorAll('tr')].map((row) => [row.dataset.rule, row]));
	body.replaceChildren();
	for (const rule of rules) {
		if (editing.has(rule.id) && keep.has(rule.id)) {
			body.appendChild(keep.get(rule.id));
			continue;
		}
		const row = body.insertRow();
		row.dataset.rule = rule.id;
		if (rule.lastChange && rule.lastChange.automatic) {
			row.classList.add('automatic');
			row.title = `Rolled back automatically: ${rule.lastChange.reason}`;
		}
		const legacy = side(rule, 'legacy');
		const modern = side(rule, 'new');
		cell(row, rule.id);
		cell(row, `${(rule.methods && rule.methods.length) ? rule.methods.join(',') : '*'} ${rule.pattern}`, 'route');
		cell(row, rule.mode, `mode mode-${modeKind(rule.mode)}`).dataset.field = 'mode';
		cell(row, rule.target);
		cell(row, `legacy ${legacy ? legacy.requestsPerSecond.toFixed(1) : '0.0'} · new ${modern ? modern.requestsPerSecond.toFixed(1) : '0.0'}`);
		cell(row, modern ? percent(modern.errorRate) : '–', modern && modern.errorRate > 0.01 ? 'bad' : '');
		cell(row, `${millis(legacy && legacy.p99Millis)} / ${millis(modern && modern.p99Millis)}`);
		cell(row, text(rule.breaker) || '–', `breaker-${text(rule.breaker)}`);
		cell(row, writesText(rule.writes), rule.writes && rule.writes.held ? 'held' : '').dataset.field = 'writes';
		cell(row, rule.shadow ? shadowText(rule.shadow) : '–');
		cell(row, changeForm(rule));
	}
}

function renderChanges(changes) {
	const body = document.querySelector('#changes tbody');
	body.replaceChildren();
	for (const change of changes) {
		const row = body.insertRow();
		if (change.automatic) {
			row.classList.add('automatic');
		}
		cell(row, new Date(change.at).toLocaleTimeString());
		cell(row, change.ruleId);
		cell(row, change.automatic ? `${change.actor} (automatic)` : change.actor);
		cell(row, change.from ? change.from.mode : '–');
		cell(row, change.to ? change.to.mode : 'deleted');
		cell(row, change.reason);
	}
}

async function refresh() {
	try {
		const response = await fetch('/admin/api/dashboard', { credentials: 'same-origin' });
		if (response.status === 401 || response.status === 403) {
			location.href = '/admin/login?error=' + encodeURIComponent('Please sign in with an admin token');
			return;
		}
		if (!response.ok) {
			showStatus(`Could not load the rules: ${response.status}`);
			return;
		}
		const dashboard = await response.json();
		document.getElementById('window').textContent = `${dashboard.windowSeconds} s`;
		const generated = document.getElementById('generated-at');
		generated.textContent = new Date(dashboard.generatedAt).toLocaleTimeString();
		generated.dateTime = dashboard.generatedAt;
		renderRules(dashboard.rules);
		renderChanges(dashboard.recentChanges);
		document.body.dataset.loaded = 'true';
	}
	catch (error) {
		showStatus(`Could not load the rules: ${error}`);
	}
}

refresh();
setInterval(refresh, REFRESH_MILLIS);
