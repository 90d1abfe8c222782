# One image per Figmart app, from the jar the Maven build packaged (./mvnw -B package -DskipTests first).
# The jar is split into Spring Boot's layers, so that a code change rebuilds only the last, small layer.
FROM eclipse-temurin:17-jre AS layers
ARG JAR
WORKDIR /layers
COPY ${JAR} app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:17-jre
RUN useradd --system --home-dir /app figmart && apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
USER figmart
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
