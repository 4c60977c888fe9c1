# Builds and runs Chatwarden; used by docker-compose.yml.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package && cp target/chatwarden-*.jar /chatwarden.jar

FROM eclipse-temurin:21-jre
RUN useradd --system --home /app chatwarden
USER chatwarden
WORKDIR /app
COPY --from=build /chatwarden.jar /app/chatwarden.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/chatwarden.jar"]
