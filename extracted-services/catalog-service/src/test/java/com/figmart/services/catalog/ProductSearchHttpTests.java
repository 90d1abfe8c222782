package com.figmart.services.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import tools.jackson.databind.JsonNode;

/** Search, filters, paging and sorting over the full-text index, as clients of the monolith's contract use them. */
@CatalogServiceHttpTest
class ProductSearchHttpTests {

	@LocalServerPort
	int port;

	HttpClient http;

	@BeforeEach
	void client() {
		http = new HttpClient(port);
	}

	@Test
	void everyWordMustStartAWordOfTheProductInAnyOrder() {
		var word = HttpClient.uniqueWord();
		var mug = HttpClient.uniqueSku("MUG");
		http.create(mug, "Fig mug " + word, "Stoneware", "12.00", "kitchen");
		http.create(HttpClient.uniqueSku("CUP"), "Cup " + word, "Stoneware", "8.00", "kitchen");

		assertThat(skus(http.get("/api/catalog/products?q=mug " + word.substring(0, 6)))).containsExactly(mug);
		assertThat(skus(http.get("/api/catalog/products?q=" + word.toUpperCase() + " FI"))).containsExactly(mug);
		// inside a word is not a match: the monolith's substring search would find it
		assertThat(skus(http.get("/api/catalog/products?q=" + word.substring(2)))).isEmpty();
	}

	@Test
	void categoryAndDescriptionAreSearchedToo() {
		var word = HttpClient.uniqueWord();
		var inDescription = HttpClient.uniqueSku("DESC");
		http.create(inDescription, "Lamp", "A lamp for " + word + " nights", "30.00", "home");
		var inCategory = HttpClient.uniqueSku("CAT");
		http.create(inCategory, "Chair", "Oak", "90.00", word);

		assertThat(skus(http.get("/api/catalog/products?q=" + word))).containsExactlyInAnyOrder(inDescription, inCategory);
	}

	@Test
	void withoutASortTitleMatchesRankAboveDescriptionMatches() {
		var word = HttpClient.uniqueWord();
		var inDescription = HttpClient.uniqueSku("A");
		http.create(inDescription, "Aardvark poster", "Pairs well with " + word, "5.00", "posters");
		var inTitle = HttpClient.uniqueSku("Z");
		http.create(inTitle, "Zebra " + word, "Striped", "5.00", "posters");

		assertThat(skus(http.get("/api/catalog/products?q=" + word))).containsExactly(inTitle, inDescription);
		assertThat(skus(http.get("/api/catalog/products?q=" + word + "&sort=name"))).containsExactly(inDescription, inTitle);
	}

	@Test
	void textWithoutLettersOrDigitsMatchesNothingAndBreaksNothing() {
		for (var text : List.of("%25", "_", "'", "!:*", "%26%7C")) {
			var response = http.get("/api/catalog/products?q=" + text);

			assertThat(response.getStatusCode()).as(text).isEqualTo(HttpStatus.OK);
			assertThat(response.getBody().get("page").get("totalElements").asLong()).as(text).isZero();
		}
	}

	@Test
	void filtersByCategoryAndByListing() {
		var category = "c-" + HttpClient.uniqueWord();
		var listed = HttpClient.uniqueSku("ON");
		http.create(listed, "On the shelf", "", "1.00", category);
		var unlisted = HttpClient.uniqueSku("OFF");
		http.post("/api/catalog/products", java.util.Map.of("sku", unlisted, "name", "Off the shelf", "price",
				java.util.Map.of("amount", "1.00", "currency", "EUR"), "category", category, "active", false));

		assertThat(skus(http.get("/api/catalog/products?category=" + category))).containsExactlyInAnyOrder(listed, unlisted);
		assertThat(skus(http.get("/api/catalog/products?category=" + category + "&active=true"))).containsExactly(listed);
		assertThat(skus(http.get("/api/catalog/products?category=" + category + "&active=false"))).containsExactly(unlisted);
	}

	@Test
	void pagesOfEqualPricesNeitherOverlapNorSkip() {
		var category = "c-" + HttpClient.uniqueWord();
		var created = new ArrayList<String>();
		for (int i = 0; i < 7; i++) {
			var sku = HttpClient.uniqueSku("SAME");
			http.create(sku, "Same price " + i, "", "10.00", category);
			created.add(sku);
		}

		var seen = new ArrayList<String>();
		for (int page = 0; page < 4; page++) {
			var response = http.get("/api/catalog/products?category=" + category + "&sort=price&size=2&page=" + page);
			assertThat(response.getBody().get("page").get("totalElements").asLong()).isEqualTo(7);
			assertThat(response.getBody().get("page").get("totalPages").asLong()).isEqualTo(4);
			seen.addAll(skus(response));
		}
		assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
	}

	@Test
	void sortsByEveryKeyOfTheContractInEitherDirection() {
		var category = "c-" + HttpClient.uniqueWord();
		var cheap = HttpClient.uniqueSku("B");
		http.create(cheap, "Beta", "", "1.00", category);
		var dear = HttpClient.uniqueSku("A");
		http.create(dear, "Alpha", "", "2.00", category);

		var base = "/api/catalog/products?category=" + category + "&sort=";
		assertThat(skus(http.get(base + "price,desc"))).containsExactly(dear, cheap);
		assertThat(skus(http.get(base + "price"))).containsExactly(cheap, dear);
		assertThat(skus(http.get(base + "name"))).containsExactly(dear, cheap);
		assertThat(skus(http.get(base + "createdAt,desc"))).containsExactly(dear, cheap);
		for (var key : List.of("sku", "category", "updatedAt")) {
			assertThat(http.get(base + key).getStatusCode()).as(key).isEqualTo(HttpStatus.OK);
		}
	}

	@Test
	void anUnknownSortKeyIsABadRequestNamingTheKeys() {
		var response = http.get("/api/catalog/products?sort=title");

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody().get("type").asString()).isEqualTo("https://figmart.dev/problems/invalid-parameter");
		assertThat(response.getBody().get("parameter").asString()).isEqualTo("sort");
		assertThat(response.getBody().get("detail").asString())
				.isEqualTo("Cannot sort by 'title'; sort by one of [category, createdAt, name, price, sku, updatedAt]");
	}

	@Test
	void pagesHoldAtMostOneHundredProducts() {
		var response = http.get("/api/catalog/products?size=1000");

		assertThat(response.getBody().get("page").get("size").asInt()).isEqualTo(100);
	}

	@Test
	void categoriesCountOnlyListedProducts() {
		var category = "c-" + HttpClient.uniqueWord();
		http.create(HttpClient.uniqueSku("ONE"), "One", "", "1.00", category);
		http.create(HttpClient.uniqueSku("TWO"), "Two", "", "1.00", category);
		var hidden = HttpClient.uniqueSku("OFF");
		http.post("/api/catalog/products", java.util.Map.of("sku", hidden, "name", "Hidden", "price",
				java.util.Map.of("amount", "1.00", "currency", "EUR"), "category", category, "active", false));
		var onlyHidden = "c-" + HttpClient.uniqueWord();
		http.post("/api/catalog/products", java.util.Map.of("sku", HttpClient.uniqueSku("OFF"), "name", "Hidden", "price",
				java.util.Map.of("amount", "1.00", "currency", "EUR"), "category", onlyHidden, "active", false));

		var categories = http.get("/api/catalog/categories").getBody();

		assertThat(categories.valueStream().filter(entry -> entry.get("category").asString().equals(category))
				.map(entry -> entry.get("products").asLong())).containsExactly(2L);
		assertThat(categories.valueStream().map(entry -> entry.get("category").asString())).doesNotContain(onlyHidden);
	}

	static List<String> skus(ResponseEntity<JsonNode> response) {
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return response.getBody().get("content").valueStream().map(product -> product.get("sku").asString()).toList();
	}
}
