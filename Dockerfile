# syntax=docker/dockerfile:1
# Node 24 LTS: the Node the CI's second pass (.ci/run) tests; package.json's engines say what runs.
FROM node:24.22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build && npm prune --omit=dev

FROM node:24.22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The dashboard's page files (tsc copies no other file into dist/; the app reads them from here).
COPY public ./public
COPY package.json ./
USER node
EXPOSE 3000
CMD ["node", "dist/src/main.js"]
