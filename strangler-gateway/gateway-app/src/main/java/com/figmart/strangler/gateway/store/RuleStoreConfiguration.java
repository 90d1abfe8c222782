package com.figmart.strangler.gateway.store;

import java.time.Clock;

import javax.sql.DataSource;

import com.figmart.strangler.gateway.LiveRules;
import com.figmart.strangler.gateway.WriteHolds;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rule store and its propagation to {@link LiveRules}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RuleStoreProperties.class)
class RuleStoreConfiguration {

	@Bean
	RuleStore ruleStore(DataSource dataSource, LiveRules liveRules, WriteHolds writeHolds) {
		// its own transaction manager: the store's transactions are plain JDBC ones whatever else the app configures
		return new RuleStore(JdbcClient.create(dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)), liveRules, writeHolds,
				Clock.systemUTC());
	}

	@Bean
	RulePropagation rulePropagation(RuleStore store, LiveRules liveRules, RuleStoreProperties properties) {
		return new RulePropagation(store, liveRules, properties);
	}

}
