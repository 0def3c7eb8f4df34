# syntax=docker/dockerfile:1
# One image, every role. The default command runs the all-in-one process (API + worker); docker-compose.yml runs
# the API (`node dist/apps/api/src/main.js`) and the worker (`node dist/apps/worker/src/main.js`) apart from it.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: dev dependencies, compile TypeScript (apps, libs and the migrations) into dist/ -------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# ---- runtime: production dependencies and dist/ only ----------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# var/mail receives .eml files when SMTP_URL is unset; the app runs as the unprivileged `node` user.
RUN mkdir -p var/mail && chown -R node:node var
USER node
EXPOSE 3000
# No HEALTHCHECK here: the worker serves no HTTP. docker-compose.yml checks the API on /health.
CMD ["node", "dist/apps/loadwatch/src/main.js"]
