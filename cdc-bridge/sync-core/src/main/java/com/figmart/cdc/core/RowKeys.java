package com.figmart.cdc.core;

import java.util.List;
import java.util.stream.Collectors;

final class RowKeys {

	private RowKeys() {
	}

	static String text(List<?> values) {
		return (values.size() == 1) ? String.valueOf(values.get(0))
				: values.stream().map(String::valueOf).collect(Collectors.joining("|"));
	}
}
