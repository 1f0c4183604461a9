/*
 * The secret rules: one per credential kind the engine recognises, and
 * beside each the patterns that find it (struct secret_kind, see
 * secret-internal.h).
 *
 * Each regex is PCRE2.  Its keywords must appear in every true match: the
 * engine only runs a kind's regex on lines that hold one of its keywords.
 * Boundaries are written as look-arounds rather than \\b so that "_" and
 * "-" count the way each provider's token alphabet needs; the cases in
 * tests/unit/test_secret_rules.c show the near misses each one rejects.
 *
 * The remediation names the ways to hand a container a secret without
 * baking it into an image.
 */
#include <stddef.h>

#include "rules/registry-internal.h"
#include "secret/secret-internal.h"

#define SECRET_REMEDIATION                                                     \
	"Remove it from the file and from every image layer and build "        \
	"argument, rotate it (it is compromised), and hand it over at run "    \
	"time: an environment variable set by the orchestrator, an env_file "  \
	"kept out of the image and the build context, a Docker secret read "   \
	"through a *_FILE variable, or at build time a BuildKit secret mount " \
	"(RUN --mount=type=secret,id=...)."

#define SECRET_GOOD                                                            \
	"# docker build --secret id=token,env=TOKEN .\n"                       \
	"RUN --mount=type=secret,id=token TOKEN=$(cat /run/secrets/token) "    \
	"./fetch-deps\n"                                                       \
	"# at run time: docker run -e TOKEN_FILE=/run/secrets/token ..."
static const char *const aws_access_key_id_aliases[] = {
	"aws-access-key-id",
	"aws-access-token",
	NULL,
};
static const struct rule se_aws_access_key_id = {
	.id = "SE001",
	.severity = SEV_CRITICAL,
	.target = RULE_SECRET,
	.title = "AWS access key id",
	.why =
	    "An AWS access key id is half of a long-lived IAM credential; with its secret key it signs API calls as that user or role.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV AWS_ACCESS_KEY_ID=AKIA<16 characters>",
	.good = SECRET_GOOD,
	.aliases = aws_access_key_id_aliases,
};
static const char *const aws_secret_key_aliases[] = {
	"aws-secret-access-key",
	"aws-secret-key",
	NULL,
};
static const struct rule se_aws_secret_key = {
	.id = "SE002",
	.severity = SEV_CRITICAL,
	.target = RULE_SECRET,
	.title = "AWS secret access key",
	.why =
	    "The secret access key signs AWS API requests; whoever holds it acts with the permissions of its IAM user.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV AWS_SECRET_ACCESS_KEY=<40 characters>",
	.good = SECRET_GOOD,
	.aliases = aws_secret_key_aliases,
};
static const char *const gcp_service_account_aliases[] = {
	"gcp-service-account",
	NULL,
};
static const struct rule se_gcp_service_account = {
	.id = "SE003",
	.severity = SEV_CRITICAL,
	.target = RULE_SECRET,
	.title = "Google Cloud service account key",
	.why =
	    "A service account key file holds an RSA private key that authenticates as the account until the key is deleted.",
	.remediation = SECRET_REMEDIATION,
	.bad = "COPY service-account.json /app/",
	.good = SECRET_GOOD,
	.aliases = gcp_service_account_aliases,
};
static const char *const gcp_api_key_aliases[] = {
	"gcp-api-key",
	NULL,
};
static const struct rule se_gcp_api_key = {
	.id = "SE004",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "Google Cloud API key",
	.why =
	    "A Google API key bills requests to its project and may reach any API the key is not restricted from.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV GOOGLE_API_KEY=AIza<35 characters>",
	.good = SECRET_GOOD,
	.aliases = gcp_api_key_aliases,
};
static const char *const azure_storage_key_aliases[] = {
	"azure-storage-account-key",
	"azure-storage-connection-string",
	NULL,
};
static const struct rule se_azure_storage_key = {
	.id = "SE005",
	.severity = SEV_CRITICAL,
	.target = RULE_SECRET,
	.title = "Azure storage account key or connection string",
	.why =
	    "An account or shared access key grants full control of an Azure storage account, Service Bus or Event Hub namespace.",
	.remediation = SECRET_REMEDIATION,
	.bad =
	    "ENV AZURE_STORAGE=DefaultEndpointsProtocol=https;AccountKey=<key>",
	.good = SECRET_GOOD,
	.aliases = azure_storage_key_aliases,
};
static const char *const azure_sas_aliases[] = {
	"azure-sas-token",
	NULL,
};
static const struct rule se_azure_sas = {
	.id = "SE006",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "Azure shared access signature",
	.why =
	    "A SAS URL carries its own signature: anyone with it has the granted access until it expires.",
	.remediation = SECRET_REMEDIATION,
	.bad =
	    "ENV BLOB_URL=https://acct.blob.core.windows.net/c?sv=...&sig=<signature>",
	.good = SECRET_GOOD,
	.aliases = azure_sas_aliases,
};
static const char *const azure_entra_secret_aliases[] = {
	"azure-entra-client-secret",
	"azure-ad-client-secret",
	NULL,
};
static const struct rule se_azure_entra_secret = {
	.id = "SE007",
	.severity = SEV_CRITICAL,
	.target = RULE_SECRET,
	.title = "Azure Entra ID client secret",
	.why =
	    "A client secret lets anyone sign in as the application registration and use its API permissions.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV AZURE_CLIENT_SECRET=<xxx8Q~...>",
	.good = SECRET_GOOD,
	.aliases = azure_entra_secret_aliases,
};
static const char *const azure_devops_pat_aliases[] = {
	"azure-devops-pat",
	NULL,
};
static const struct rule se_azure_devops_pat = {
	.id = "SE008",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "Azure DevOps personal access token",
	.why =
	    "An Azure DevOps PAT reaches repositories, pipelines and feeds with the rights of the user who made it.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV AZURE_DEVOPS_TOKEN=<52 characters>",
	.good = SECRET_GOOD,
	.aliases = azure_devops_pat_aliases,
};
static const char *const azure_acr_credential_aliases[] = {
	"azure-container-registry-credential",
	NULL,
};
static const struct rule se_azure_acr_credential = {
	.id = "SE009",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "Azure Container Registry credential",
	.why =
	    "A registry token credential pushes and pulls images; a pushed image runs wherever the registry is trusted.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV ACR_TOKEN=<84 characters ending in AZCR....>",
	.good = SECRET_GOOD,
	.aliases = azure_acr_credential_aliases,
};
static const char *const azure_ai_key_aliases[] = {
	"azure-ai-services-key",
	"azure-cognitive-services-key",
	NULL,
};
static const struct rule se_azure_ai_key = {
	.id = "SE010",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "Azure AI services key",
	.why =
	    "An Azure AI (Cognitive Services) key calls the service and is billed to its subscription.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV AZURE_OPENAI_KEY=<84 characters ending in ACOG....>",
	.good = SECRET_GOOD,
	.aliases = azure_ai_key_aliases,
};
static const char *const azure_acr_password_aliases[] = {
	"azure-container-registry-password",
	NULL,
};
static const struct rule se_azure_acr_password = {
	.id = "SE011",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "Azure Container Registry password",
	.why =
	    "An admin or token password for an azurecr.io registry pushes and pulls its images.",
	.remediation = SECRET_REMEDIATION,
	.bad = "RUN docker login x.azurecr.io -u x -p <password>",
	.good = SECRET_GOOD,
	.aliases = azure_acr_password_aliases,
};
static const char *const azure_app_config_aliases[] = {
	"azure-app-config-connection-string",
	NULL,
};
static const struct rule se_azure_app_config = {
	.id = "SE012",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "Azure App Configuration connection string",
	.why =
	    "The connection string's secret reads and may write every setting in the store, which often holds further secrets.",
	.remediation = SECRET_REMEDIATION,
	.bad =
	    "ENV APPCONFIG=Endpoint=https://x.azconfig.io;Id=..;Secret=<secret>",
	.good = SECRET_GOOD,
	.aliases = azure_app_config_aliases,
};
static const char *const github_pat_aliases[] = {
	"github-pat",
	"github-personal-access-token",
	NULL,
};
static const struct rule se_github_pat = {
	.id = "SE013",
	.severity = SEV_CRITICAL,
	.target = RULE_SECRET,
	.title = "GitHub personal access token (classic)",
	.why =
	    "A classic PAT acts as its user on every repository and organisation the user can reach, within its scopes.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV GITHUB_TOKEN=ghp_<36 characters>",
	.good = SECRET_GOOD,
	.aliases = github_pat_aliases,
};
static const char *const github_oauth_aliases[] = {
	"github-oauth",
	NULL,
};
static const struct rule se_github_oauth = {
	.id = "SE014",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "GitHub OAuth access token",
	.why =
	    "An OAuth token acts as the user who authorised the app, within the app's scopes.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV GH_OAUTH=gho_<36 characters>",
	.good = SECRET_GOOD,
	.aliases = github_oauth_aliases,
};
static const char *const github_app_aliases[] = {
	"github-app-token",
	NULL,
};
static const struct rule se_github_app = {
	.id = "SE015",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "GitHub App user-to-server or installation token",
	.why =
	    "An app token acts with the app's installation permissions on every repository the installation covers.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV GITHUB_TOKEN=ghs_<36 characters>",
	.good = SECRET_GOOD,
	.aliases = github_app_aliases,
};
static const char *const github_refresh_aliases[] = {
	"github-refresh-token",
	NULL,
};
static const struct rule se_github_refresh = {
	.id = "SE016",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "GitHub refresh token",
	.why =
	    "A refresh token mints new user-to-server tokens for a GitHub App.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV GH_REFRESH=ghr_<36 characters>",
	.good = SECRET_GOOD,
	.aliases = github_refresh_aliases,
};
static const char *const github_fine_grained_aliases[] = {
	"github-fine-grained-pat",
	NULL,
};
static const struct rule se_github_fine_grained = {
	.id = "SE017",
	.severity = SEV_CRITICAL,
	.target = RULE_SECRET,
	.title = "GitHub fine-grained personal access token",
	.why =
	    "A fine-grained PAT acts as its user on the repositories and permissions it was given.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV GITHUB_TOKEN=github_pat_<82 characters>",
	.good = SECRET_GOOD,
	.aliases = github_fine_grained_aliases,
};
static const char *const gitlab_pat_aliases[] = {
	"gitlab-pat",
	NULL,
};
static const struct rule se_gitlab_pat = {
	.id = "SE018",
	.severity = SEV_CRITICAL,
	.target = RULE_SECRET,
	.title = "GitLab personal access token",
	.why =
	    "A GitLab PAT acts as its user through the API, Git over HTTPS and the container registry.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV GITLAB_TOKEN=glpat-<20 characters>",
	.good = SECRET_GOOD,
	.aliases = gitlab_pat_aliases,
};
static const char *const gitlab_other_aliases[] = {
	"gitlab-ptt",
	"gitlab-rrt",
	"gitlab-deploy-token",
	"gitlab-cicd-job-token",
	"gitlab-runner-authentication-token",
	"gitlab-feed-token",
	"gitlab-incoming-mail-token",
	"gitlab-kubernetes-agent-token",
	"gitlab-oauth-app-secret",
	"gitlab-scim-token",
	"gitlab-feature-flag-client-token",
	NULL,
};
static const struct rule se_gitlab_other = {
	.id = "SE019",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "GitLab deploy, runner, CI or other token",
	.why =
	    "GitLab's other tokens register runners, pull from registries and repositories, or act for an OAuth app.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV RUNNER_TOKEN=glrt-<20 characters>",
	.good = SECRET_GOOD,
	.aliases = gitlab_other_aliases,
};
static const char *const slack_token_aliases[] = {
	"slack-bot-token",
	"slack-user-token",
	"slack-access-token",
	"slack-app-token",
	"slack-legacy-token",
	"slack-config-access-token",
	"slack-config-refresh-token",
	NULL,
};
static const struct rule se_slack_token = {
	.id = "SE020",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "Slack token",
	.why =
	    "A Slack bot, user or app token reads and posts in the workspace with the token's scopes.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV SLACK_TOKEN=xoxb-<id>-<id>-<secret>",
	.good = SECRET_GOOD,
	.aliases = slack_token_aliases,
};
static const char *const slack_webhook_aliases[] = {
	"slack-webhook-url",
	"slack-webhook",
	NULL,
};
static const struct rule se_slack_webhook = {
	.id = "SE021",
	.severity = SEV_MEDIUM,
	.target = RULE_SECRET,
	.title = "Slack incoming webhook URL",
	.why =
	    "Anyone with the webhook URL can post into the channel, which makes it a phishing channel.",
	.remediation = SECRET_REMEDIATION,
	.bad =
	    "ENV SLACK_HOOK=https://hooks.slack.com/services/<id>/<id>/<secret>",
	.good = SECRET_GOOD,
	.aliases = slack_webhook_aliases,
};
static const char *const stripe_aliases[] = {
	"stripe-access-token",
	"stripe-secret-token",
	NULL,
};
static const struct rule se_stripe = {
	.id = "SE022",
	.severity = SEV_CRITICAL,
	.target = RULE_SECRET,
	.title = "Stripe secret or restricted key",
	.why =
	    "A Stripe secret key moves money: it creates charges, refunds and payouts on the account.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV STRIPE_KEY=sk_live_<key>",
	.good = SECRET_GOOD,
	.aliases = stripe_aliases,
};
static const char *const twilio_aliases[] = {
	"twilio-api-key",
	NULL,
};
static const struct rule se_twilio = {
	.id = "SE023",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "Twilio API key",
	.why =
	    "A Twilio API key sends messages and places calls billed to the account.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV TWILIO_API_KEY=SK<32 hex digits>",
	.good = SECRET_GOOD,
	.aliases = twilio_aliases,
};
static const char *const sendgrid_aliases[] = {
	"sendgrid-api-token",
	"sendgrid-api-key",
	NULL,
};
static const struct rule se_sendgrid = {
	.id = "SE024",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "SendGrid API key",
	.why =
	    "A SendGrid key sends mail as the account's verified domains, which is how phishing gets past filters.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV SENDGRID_API_KEY=SG.<22>.<43>",
	.good = SECRET_GOOD,
	.aliases = sendgrid_aliases,
};
static const char *const npm_token_aliases[] = {
	"npm-access-token",
	NULL,
};
static const struct rule se_npm_token = {
	.id = "SE025",
	.severity = SEV_CRITICAL,
	.target = RULE_SECRET,
	.title = "npm access token",
	.why =
	    "An npm token publishes packages as its user: one leaked token is a supply-chain attack on every dependant.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV NPM_TOKEN=npm_<36 characters>",
	.good = SECRET_GOOD,
	.aliases = npm_token_aliases,
};
static const char *const npmrc_auth_aliases[] = {
	"npmrc-auth-token",
	NULL,
};
static const struct rule se_npmrc_auth = {
	.id = "SE026",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "Registry credential in an .npmrc",
	.why =
	    "An _authToken or _auth line in .npmrc authenticates to the registry; copied into an image it stays in that layer.",
	.remediation = SECRET_REMEDIATION,
	.bad = "COPY .npmrc /root/.npmrc",
	.good = SECRET_GOOD,
	.aliases = npmrc_auth_aliases,
};
static const char *const pypi_aliases[] = {
	"pypi-upload-token",
	NULL,
};
static const struct rule se_pypi = {
	.id = "SE027",
	.severity = SEV_CRITICAL,
	.target = RULE_SECRET,
	.title = "PyPI upload token",
	.why = "A PyPI API token uploads releases of the projects it covers.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmc<...>",
	.good = SECRET_GOOD,
	.aliases = pypi_aliases,
};
static const char *const dockerhub_pat_aliases[] = {
	"dockerhub-pat",
	"docker-hub-pat",
	NULL,
};
static const struct rule se_dockerhub_pat = {
	.id = "SE028",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "Docker Hub access token",
	.why =
	    "A Docker Hub token pushes and pulls the account's repositories; a pushed image runs wherever it is pulled.",
	.remediation = SECRET_REMEDIATION,
	.bad =
	    "RUN echo dckr_pat_<27 characters> | docker login -u me --password-stdin",
	.good = SECRET_GOOD,
	.aliases = dockerhub_pat_aliases,
};
static const char *const huggingface_aliases[] = {
	"hugging-face-access-token",
	"huggingface-access-token",
	"hugging-face-organization-api-token",
	NULL,
};
static const struct rule se_huggingface = {
	.id = "SE029",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "Hugging Face access token",
	.why =
	    "A Hugging Face token reads private models and datasets and, with write scope, replaces them.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV HF_TOKEN=hf_<34 characters>",
	.good = SECRET_GOOD,
	.aliases = huggingface_aliases,
};
static const char *const openai_aliases[] = {
	"openai-api-key",
	"openai-project-api-key",
	"openai-service-account-key",
	"openai-admin-api-key",
	"openai-legacy-api-key",
	"openai-service-api-key",
	NULL,
};
static const struct rule se_openai = {
	.id = "SE030",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "OpenAI API key",
	.why =
	    "An OpenAI key spends the organisation's credit and reads its files, assistants and fine-tunes.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV OPENAI_API_KEY=sk-proj-<key>",
	.good = SECRET_GOOD,
	.aliases = openai_aliases,
};
static const char *const openai_ek_aliases[] = {
	"openai-realtime-client-secret",
	NULL,
};
static const struct rule se_openai_ek = {
	.id = "SE031",
	.severity = SEV_MEDIUM,
	.target = RULE_SECRET,
	.title = "OpenAI Realtime client secret",
	.why =
	    "An ephemeral Realtime client secret opens sessions billed to the organisation until it expires.",
	.remediation = SECRET_REMEDIATION,
	.bad = "const key = \"ek_<32 hex digits>\"",
	.good = SECRET_GOOD,
	.aliases = openai_ek_aliases,
};
static const char *const anthropic_aliases[] = {
	"anthropic-api-key",
	"anthropic-admin-api-key",
	NULL,
};
static const struct rule se_anthropic = {
	.id = "SE032",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "Anthropic API key",
	.why =
	    "An Anthropic key spends the organisation's credit; an admin key also manages its members and keys.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV ANTHROPIC_API_KEY=sk-ant-api03-<key>",
	.good = SECRET_GOOD,
	.aliases = anthropic_aliases,
};
static const char *const private_key_aliases[] = {
	"private-key",
	"pem-private-key",
	"ssh-private-key",
	NULL,
};
static const struct rule se_private_key = {
	.id = "SE033",
	.severity = SEV_CRITICAL,
	.target = RULE_SECRET,
	.title = "Private key",
	.why =
	    "A private key (RSA, EC, DSA, OpenSSH, PKCS#8, PGP, encrypted or not) authenticates or decrypts as its owner; an encrypted one falls to an offline guess of its passphrase.",
	.remediation = SECRET_REMEDIATION,
	.bad = "COPY id_rsa /root/.ssh/id_rsa",
	.good = SECRET_GOOD,
	.aliases = private_key_aliases,
};
static const char *const jwt_aliases[] = {
	"jwt",
	"jwt-token",
	NULL,
};
static const struct rule se_jwt = {
	.id = "SE034",
	.severity = SEV_MEDIUM,
	.target = RULE_SECRET,
	.title = "JSON Web Token",
	.why =
	    "A signed JWT is a bearer credential: until it expires, anyone holding it is the subject it names.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV API_TOKEN=eyJ<header>.eyJ<payload>.<signature>",
	.good = SECRET_GOOD,
	.aliases = jwt_aliases,
};
static const char *const url_password_aliases[] = {
	"url-password",
	"basic-auth-url",
	"git-credentials",
	NULL,
};
static const struct rule se_url_password = {
	.id = "SE035",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "Password in a URL",
	.why =
	    "A password written into a URL (scheme://user:password@host) travels with every copy of the URL, into logs, history and image layers.",
	.remediation = SECRET_REMEDIATION,
	.bad = "RUN git clone https://user:<password>@git.example.org/app.git",
	.good = SECRET_GOOD,
	.aliases = url_password_aliases,
};
static const char *const db_connection_aliases[] = {
	"database-connection-string",
	"postgres-connection-string",
	"mongodb-connection-string",
	"redis-connection-string",
	NULL,
};
static const struct rule se_db_connection = {
	.id = "SE036",
	.severity = SEV_CRITICAL,
	.target = RULE_SECRET,
	.title = "Database connection string with a password",
	.why =
	    "A connection string with its password reaches the database directly, usually with the application's full rights.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV DATABASE_URL=postgres://app:<password>@db/app",
	.good = SECRET_GOOD,
	.aliases = db_connection_aliases,
};
static const char *const grafana_api_aliases[] = {
	"grafana-api-token",
	"grafana-api-key",
	NULL,
};
static const struct rule se_grafana_api = {
	.id = "SE037",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "Grafana API key",
	.why =
	    "A Grafana API key reads dashboards and data sources and, as an admin key, changes them.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV GRAFANA_TOKEN=eyJrIjoi<key>",
	.good = SECRET_GOOD,
	.aliases = grafana_api_aliases,
};
static const char *const grafana_cloud_aliases[] = {
	"grafana-cloud-api-token",
	"grafana-service-account-token",
	NULL,
};
static const struct rule se_grafana_cloud = {
	.id = "SE038",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "Grafana Cloud or service account token",
	.why =
	    "Grafana Cloud and service-account tokens reach the stack's data sources, alerts and dashboards.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV GRAFANA_SA=glsa_<32>_<8>",
	.good = SECRET_GOOD,
	.aliases = grafana_cloud_aliases,
};
static const char *const shopify_aliases[] = {
	"shopify-access-token",
	"shopify-custom-access-token",
	"shopify-private-app-access-token",
	"shopify-shared-secret",
	NULL,
};
static const struct rule se_shopify = {
	.id = "SE039",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "Shopify access token or shared secret",
	.why =
	    "A Shopify token reads and changes the shop: orders, customers and their personal data.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV SHOPIFY_TOKEN=shpat_<32 hex digits>",
	.good = SECRET_GOOD,
	.aliases = shopify_aliases,
};
static const char *const atlassian_aliases[] = {
	"atlassian-api-token",
	"jira-api-token",
	"confluence-api-token",
	NULL,
};
static const struct rule se_atlassian = {
	.id = "SE040",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "Atlassian API token",
	.why =
	    "An Atlassian API token acts as its user in Jira, Confluence and Bitbucket Cloud.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV JIRA_API_TOKEN=ATATT3<186 characters>",
	.good = SECRET_GOOD,
	.aliases = atlassian_aliases,
};
static const char *const mailgun_aliases[] = {
	"mailgun-private-api-token",
	"mailgun-api-key",
	NULL,
};
static const struct rule se_mailgun = {
	.id = "SE041",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "Mailgun API key",
	.why =
	    "A Mailgun private key sends mail from the account's domains and reads its logs.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV MAILGUN_API_KEY=key-<32 hex digits>",
	.good = SECRET_GOOD,
	.aliases = mailgun_aliases,
};
static const char *const discord_aliases[] = {
	"discord-api-token",
	"discord-webhook",
	"discord-bot-token",
	NULL,
};
static const struct rule se_discord = {
	.id = "SE042",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "Discord bot token or webhook URL",
	.why =
	    "A bot token controls the bot in every server it joined; a webhook URL posts into its channel.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV DISCORD_TOKEN=<bot token>",
	.good = SECRET_GOOD,
	.aliases = discord_aliases,
};
static const char *const telegram_aliases[] = {
	"telegram-bot-api-token",
	"telegram-bot-token",
	NULL,
};
static const struct rule se_telegram = {
	.id = "SE043",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "Telegram bot token",
	.why =
	    "A bot token controls the Telegram bot: it reads the messages sent to it and speaks as it.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV TELEGRAM_TOKEN=<id>:AA<33 characters>",
	.good = SECRET_GOOD,
	.aliases = telegram_aliases,
};
static const char *const docker_auth_aliases[] = {
	"dockerconfig-secret",
	"docker-config-auth",
	NULL,
};
static const struct rule se_docker_auth = {
	.id = "SE044",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "Docker registry credentials",
	.why =
	    "The auth field of a Docker config.json (and a Kubernetes .dockerconfigjson) is base64 of user:password for the registry.",
	.remediation = SECRET_REMEDIATION,
	.bad = "COPY config.json /root/.docker/config.json",
	.good = SECRET_GOOD,
	.aliases = docker_auth_aliases,
};
static const char *const maven_aliases[] = {
	"maven-settings-password",
	"maven-settings-passphrase",
	"maven-settings-security-master",
	NULL,
};
static const struct rule se_maven = {
	.id = "SE045",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "Plain-text password in Maven settings",
	.why =
	    "settings.xml and settings-security.xml passwords, passphrases and master passwords unlock repositories and signing keys.",
	.remediation = SECRET_REMEDIATION,
	.bad = "COPY settings.xml /root/.m2/settings.xml",
	.good = SECRET_GOOD,
	.aliases = maven_aliases,
};
static const char *const generic_aliases[] = {
	"generic-api-key",
	"generic-password",
	"generic-secret",
	NULL,
};
static const struct rule se_generic = {
	.id = "SE046",
	.severity = SEV_MEDIUM,
	.target = RULE_SECRET,
	.title = "Password, secret or token assigned in plain text",
	.why =
	    "A random-looking value assigned to a password, secret, token or key name is most likely a real credential, and every layer and copy of the file keeps it.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV DB_PASSWORD=<password>",
	.good = SECRET_GOOD,
	.aliases = generic_aliases,
};
static const char *const symfony_aliases[] = {
	"symfony-default-secret",
	NULL,
};
static const struct rule se_symfony = {
	.id = "SE047",
	.severity = SEV_MEDIUM,
	.target = RULE_SECRET,
	.title = "Symfony default secret",
	.why =
	    "Symfony's published default APP_SECRET signs cookies, CSRF tokens and login links: with it anyone forges them.",
	.remediation = SECRET_REMEDIATION,
	.bad = "parameters:\n  secret: <the published default>",
	.good = SECRET_GOOD,
	.aliases = symfony_aliases,
};
static const char *const packagist_aliases[] = {
	"private-packagist-token",
	NULL,
};
static const struct rule se_packagist = {
	.id = "SE048",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "Private Packagist token",
	.why =
	    "A Private Packagist token reads (or, for write tokens, publishes) the organisation's private PHP packages.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV COMPOSER_AUTH=... packagist_ort_<68 characters>",
	.good = SECRET_GOOD,
	.aliases = packagist_aliases,
};
static const char *const alibaba_aliases[] = {
	"alibaba-access-key-id",
	NULL,
};
static const struct rule se_alibaba = {
	.id = "SE049",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "Alibaba Cloud AccessKey ID",
	.why =
	    "An Alibaba Cloud AccessKey ID, with its secret, signs API calls as the RAM user.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV ALIBABA_KEY=LTAI<20 characters>",
	.good = SECRET_GOOD,
	.aliases = alibaba_aliases,
};
static const char *const vault_aliases[] = {
	"vault-service-token",
	"vault-batch-token",
	"hashicorp-vault-token",
	NULL,
};
static const struct rule se_vault = {
	.id = "SE050",
	.severity = SEV_CRITICAL,
	.target = RULE_SECRET,
	.title = "HashiCorp Vault token",
	.why =
	    "A Vault token reads every secret its policies allow, which is usually many.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV VAULT_TOKEN=hvs.<token>",
	.good = SECRET_GOOD,
	.aliases = vault_aliases,
};
static const char *const databricks_aliases[] = {
	"databricks-api-token",
	NULL,
};
static const struct rule se_databricks = {
	.id = "SE051",
	.severity = SEV_HIGH,
	.target = RULE_SECRET,
	.title = "Databricks access token",
	.why =
	    "A Databricks token runs jobs and reads the tables of the workspace as its user.",
	.remediation = SECRET_REMEDIATION,
	.bad = "ENV DATABRICKS_TOKEN=dapi<32 hex digits>",
	.good = SECRET_GOOD,
	.aliases = databricks_aliases,
};
const struct secret_kind secret_kinds[] = {
	{
	    .rule = &se_aws_access_key_id,
	    .trigger =
		"(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA)[A-Z0-9]{16}",
	    .keywords =
		"a3t|akia|asia|abia|acca|agpa|aida|aipa|anpa|anva|aroa|apka",
	    .regex =
		"(?<![A-Za-z0-9])(?<secret>(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA)[A-Z0-9]{16})(?![A-Za-z0-9])",
	    .allow = "EXAMPLE$",
	    .flags = 0,
	},
	{
	    .rule = &se_aws_secret_key,
	    .trigger =
		"(?i)aws_?(?:sec(?:ret)?)?_?(?:access)?_?key(?:_?id)?['\"]?\\s{0,3}(?:[:=]|=>|\\s)\\s{0,3}['\"]?[A-Za-z0-9/+=]{40}",
	    .keywords = "aws",
	    .regex =
		"(?i)aws_?(?:sec(?:ret)?)?_?(?:access)?_?key(?:_?id)?['\\\"]?\\s{0,3}(?:[:=]|=>|\\s)\\s{0,3}['\\\"]?(?<secret>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])",
	    .allow = "EXAMPLEKEY$",
	    .flags = 0,
	},
	{
	    .rule = &se_gcp_service_account,
	    .trigger = "\"private_key_id\"\\s*:\\s*\"[a-f0-9]{40}\"",
	    .keywords = "private_key_id",
	    .regex =
		"\\\"private_key_id\\\"\\s*:\\s*\\\"(?<secret>[a-f0-9]{40})\\\"",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_gcp_api_key,
	    .trigger = "AIza[0-9A-Za-z_-]{35}",
	    .keywords = "aiza",
	    .regex =
		"(?<![A-Za-z0-9_-])(?<secret>AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_azure_storage_key,
	    .trigger =
		"(?i)(?:AccountKey|SharedAccessKey)\\s*=\\s*[A-Za-z0-9+/]{43}",
	    .keywords = "accountkey|sharedaccesskey",
	    .regex =
		"(?i)(?:AccountKey|SharedAccessKey)\\s*=\\s*(?<secret>[A-Za-z0-9+/]{86}==|[A-Za-z0-9+/]{43}=)",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_azure_sas,
	    .trigger = "sv=\\d{4}-\\d\\d-\\d\\d&",
	    .keywords = "sig=",
	    .regex =
		"(?<![A-Za-z0-9])sv=\\d{4}-\\d\\d-\\d\\d&[^\\s\\\"'<>]{0,300}?sig=(?<secret>[A-Za-z0-9%+/]{40,}(?:=|%3[Dd]){0,2})",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_azure_entra_secret,
	    .trigger = "\\dQ~[A-Za-z0-9_~.-]{31}",
	    .keywords = "q~",
	    .regex =
		"(?<![A-Za-z0-9_~.-])(?<secret>[A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_azure_devops_pat,
	    .trigger =
		"(?i)(?:azure|devops|ado|vsts)[A-Za-z0-9_.-]{0,25}['\"]?\\s{0,3}[:=]\\s{0,3}['\"]?[a-z2-7]{52}",
	    .keywords = "azure|devops|vsts|ado_",
	    .regex =
		"(?i)(?:azure|devops|ado|vsts)[A-Za-z0-9_.-]{0,25}['\\\"]?\\s{0,3}[:=]\\s{0,3}['\\\"]?(?<secret>[a-z2-7]{52})(?![A-Za-z0-9])",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_azure_acr_credential,
	    .trigger = "JQQJ9[9DH][A-Za-z0-9]{18}AZCR",
	    .keywords = "jqqj9",
	    .regex =
		"(?<![A-Za-z0-9])(?<secret>[A-Za-z0-9]{52}JQQJ9[9DH][A-Za-z0-9]{18}AZCR[A-Za-z0-9]{4})(?![A-Za-z0-9])",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_azure_ai_key,
	    .trigger = "JQQJ9[9DH][A-Za-z0-9]{18}ACOG",
	    .keywords = "jqqj9",
	    .regex =
		"(?<![A-Za-z0-9])(?<secret>[A-Za-z0-9]{52}JQQJ9[9DH][A-Za-z0-9]{18}ACOG[A-Za-z0-9]{4})(?![A-Za-z0-9])",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_azure_acr_password,
	    .trigger = "(?i)azurecr\\.io",
	    .keywords = "azurecr.io",
	    .regex =
		"(?i)azurecr\\.io[^\\n]{0,60}?(?:password|passwd|pwd|secret|-p)['\\\"]?\\s{0,3}[:=]?\\s{0,3}['\\\"]?(?<secret>[A-Za-z0-9+/=]{32}(?:[A-Za-z0-9+/=]{20})?)(?![A-Za-z0-9+/=])",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_azure_app_config,
	    .trigger = "(?i)\\.azconfig\\.io;Id=",
	    .keywords = "azconfig.io",
	    .regex =
		"(?i)Endpoint=https://[a-z0-9-]+\\.azconfig\\.io;Id=[^;\\s]+;Secret=(?<secret>[A-Za-z0-9+/=]{20,})",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_github_pat,
	    .trigger = "ghp_[0-9A-Za-z]{36}",
	    .keywords = "ghp_",
	    .regex = "(?<![A-Za-z0-9])(?<secret>ghp_[0-9A-Za-z]{36})",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_github_oauth,
	    .trigger = "gho_[0-9A-Za-z]{36}",
	    .keywords = "gho_",
	    .regex = "(?<![A-Za-z0-9])(?<secret>gho_[0-9A-Za-z]{36})",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_github_app,
	    .trigger = "gh[us]_[0-9A-Za-z]",
	    .keywords = "ghu_|ghs_",
	    .regex =
		"(?<![A-Za-z0-9])(?<secret>gh[us]_(?:[0-9]{1,20}_[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}|[0-9A-Za-z]{36}))",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_github_refresh,
	    .trigger = "ghr_[0-9A-Za-z]{36}",
	    .keywords = "ghr_",
	    .regex = "(?<![A-Za-z0-9])(?<secret>ghr_[0-9A-Za-z]{36,76})",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_github_fine_grained,
	    .trigger = "github_pat_[A-Za-z0-9_]{82}",
	    .keywords = "github_pat_",
	    .regex = "(?<secret>github_pat_[A-Za-z0-9_]{82})",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_gitlab_pat,
	    .trigger = "glpat-[A-Za-z0-9_.-]{20}",
	    .keywords = "glpat-",
	    .regex = "(?<![A-Za-z0-9])(?<secret>glpat-[A-Za-z0-9_.-]{20,64})",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_gitlab_other,
	    .trigger =
		"(?:gldt|glptt|glrt|glcbt|glft|glimt|glagent|glsoat|gloas|glwt|glffct)-[A-Za-z0-9_.-]{20}|GR1348941[A-Za-z0-9_-]{20}",
	    .keywords =
		"gldt-|glptt-|glrt-|glcbt-|glft-|glimt-|glagent-|glsoat-|gloas-|glwt-|glffct-|gr1348941",
	    .regex =
		"(?<![A-Za-z0-9])(?<secret>(?:gldt|glptt|glrt|glcbt|glft|glimt|glagent|glsoat|gloas|glwt|glffct)-[A-Za-z0-9_.-]{20,64}|GR1348941[A-Za-z0-9_-]{20})",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_slack_token,
	    .trigger =
		"xox[abposer]-[0-9]{8}|xoxe\\.xox[bp]-\\d-|xapp-[0-9]-[A-Z0-9]{9}",
	    .keywords = "xoxa-|xoxb-|xoxp-|xoxo-|xoxs-|xoxe-|xoxr-|xapp-",
	    .regex =
		"(?<![A-Za-z0-9])(?<secret>xox[abposer]-(?:[0-9]{8,14}-){1,3}[A-Za-z0-9-]{8,64}|xoxe\\.xox[bp]-\\d-[A-Za-z0-9]{100,200}|xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,14}-[a-f0-9]{32,64})",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_slack_webhook,
	    .trigger = "hooks\\.slack\\.com/(?:services|workflows|triggers)/",
	    .keywords = "hooks.slack.com",
	    .regex =
		"(?<secret>https?://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_-]{20,120})",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_stripe,
	    .trigger = "[sr]k_(?:live|test|prod)_[A-Za-z0-9]{10}",
	    .keywords = "sk_live_|sk_test_|sk_prod_|rk_live_|rk_test_|rk_prod_",
	    .regex =
		"(?<![A-Za-z0-9])(?<secret>(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,99})(?![A-Za-z0-9])",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_twilio,
	    .trigger = "(?i)twilio",
	    .keywords = "twilio",
	    .regex =
		"(?<![A-Za-z0-9])(?<secret>SK[0-9a-fA-F]{32})(?![A-Za-z0-9])",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_sendgrid,
	    .trigger = "SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}",
	    .keywords = "sg.",
	    .regex =
		"(?<![A-Za-z0-9])(?<secret>SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_npm_token,
	    .trigger = "npm_[A-Za-z0-9]{36}",
	    .keywords = "npm_",
	    .regex =
		"(?<![A-Za-z0-9])(?<secret>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9])",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_npmrc_auth,
	    .trigger = "(?i)_auth(?:Token)?\\s*=\\s*[\"']?[^\\s\"']{8}",
	    .keywords = "_auth",
	    .regex =
		"(?i)(?:^|[\\s;])(?://[^\\s=]*:)?_auth(?:Token)?\\s*=\\s*[\\\"']?(?<secret>[^\\s\\\"']{8,})",
	    .allow = NULL,
	    .flags = SECRET_PLACEHOLDERS,
	},
	{
	    .rule = &se_pypi,
	    .trigger = "pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)",
	    .keywords = "pypi-ageichlwas5vcmc|pypi-agendgvzdc5wexbplm9yzw",
	    .regex =
		"(?<secret>pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,})",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_dockerhub_pat,
	    .trigger = "dckr_(?:pat|oat)_[A-Za-z0-9_-]{27}",
	    .keywords = "dckr_pat_|dckr_oat_",
	    .regex =
		"(?<![A-Za-z0-9])(?<secret>dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,})",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_huggingface,
	    .trigger = "hf_[A-Za-z0-9]{34}",
	    .keywords = "hf_",
	    .regex =
		"(?<![A-Za-z0-9_])(?<secret>hf_[A-Za-z0-9]{34,40})(?![A-Za-z0-9])",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_openai,
	    .trigger = "T3BlbkFJ[A-Za-z0-9_-]{20}",
	    .keywords = "t3blbkfj",
	    .regex =
		"(?<![A-Za-z0-9_-])(?<secret>sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}|service-[A-Za-z0-9_-]{1,40}?-[A-Za-z0-9_-]{20,}|[A-Za-z0-9]{20})T3BlbkFJ[A-Za-z0-9_-]{20,})",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_openai_ek,
	    .trigger = "ek_[0-9a-f]{32}",
	    .keywords = "ek_",
	    .regex =
		"(?<![A-Za-z0-9_])(?<secret>ek_[0-9a-f]{32})(?![A-Za-z0-9])",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_anthropic,
	    .trigger = "sk-ant-(?:api|admin|sid)\\d\\d-[A-Za-z0-9_-]{80}",
	    .keywords = "sk-ant-",
	    .regex =
		"(?<![A-Za-z0-9_-])(?<secret>sk-ant-(?:api|admin|sid)\\d\\d-[A-Za-z0-9_-]{80,110})",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_private_key,
	    .trigger = "-----\\s*BEGIN[ A-Z0-9_-]{0,40}PRIVATE KEY",
	    .keywords = "private key",
	    .regex =
		"-----\\s*BEGIN[ A-Z0-9_-]{0,40}PRIVATE KEY(?: BLOCK)?\\s*-----\\s*(?<secret>[A-Za-z0-9+/=\\\\][\\sA-Za-z0-9+/=\\\\:,.-]{15,}?)\\s*-----\\s*END[ A-Z0-9_-]{0,40}PRIVATE KEY(?: BLOCK)?\\s*-----",
	    .allow = NULL,
	    .flags = SECRET_MULTILINE,
	},
	{
	    .rule = &se_jwt,
	    .trigger = "eyJ[A-Za-z0-9_-]{8,}\\.eyJ",
	    .keywords = "eyj",
	    .regex =
		"(?<![A-Za-z0-9_-])(?<secret>eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,})",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_url_password,
	    .trigger =
		"(?i)[a-z][a-z0-9+.-]{1,20}://[^\\s:/@\"'<>`]{1,64}:[^\\s:/@\"'<>`]{1,128}@",
	    .keywords = "://",
	    .regex =
		"(?i)(?<![A-Za-z0-9+.-])(?!(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|mssql|sqlserver|cockroachdb|clickhouse|oracle)://)[a-z][a-z0-9+.-]{1,20}://[^\\s:/@\\\"'<>`]{1,64}:(?<secret>[^\\s:/@\\\"'<>`]{1,128})@[A-Za-z0-9_.-]+",
	    .allow = NULL,
	    .flags = SECRET_PLACEHOLDERS,
	},
	{
	    .rule = &se_db_connection,
	    .trigger =
		"(?i)(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|mssql|sqlserver|cockroachdb|clickhouse|oracle)://[^\\s:/@\"'<>`]{0,64}:[^\\s:/@\"'<>`]{1,128}@",
	    .keywords =
		"postgres|mysql|mariadb|mongodb|redis|amqp|mssql|sqlserver|cockroachdb|clickhouse|oracle",
	    .regex =
		"(?i)(?<![A-Za-z0-9+.-])(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|mssql|sqlserver|cockroachdb|clickhouse|oracle)://[^\\s:/@\\\"'<>`]{0,64}:(?<secret>[^\\s:/@\\\"'<>`]{1,128})@[A-Za-z0-9_.,-]+",
	    .allow = NULL,
	    .flags = SECRET_PLACEHOLDERS,
	},
	{
	    .rule = &se_grafana_api,
	    .trigger = "eyJrIjoi[A-Za-z0-9]{70}",
	    .keywords = "eyjrijoi",
	    .regex =
		"(?<![A-Za-z0-9+/])(?<secret>eyJrIjoi[A-Za-z0-9]{70,400}={0,2})(?![A-Za-z0-9+/=])",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_grafana_cloud,
	    .trigger =
		"glc_[A-Za-z0-9+/]{32}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}",
	    .keywords = "glc_|glsa_",
	    .regex =
		"(?<![A-Za-z0-9_])(?<secret>glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})(?![A-Za-z0-9+/=_])",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_shopify,
	    .trigger = "shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}",
	    .keywords = "shpat_|shpca_|shppa_|shpss_",
	    .regex =
		"(?<![A-Za-z0-9])(?<secret>shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})(?![A-Za-z0-9])",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_atlassian,
	    .trigger =
		"ATATT3[A-Za-z0-9_=-]{186}|(?i:atlassian|confluence|jira)[A-Za-z0-9_.-]{0,20}['\"]?\\s{0,3}[:=]\\s{0,3}['\"]?[A-Za-z0-9]{24}",
	    .keywords = "atatt3|atlassian|confluence|jira",
	    .regex =
		"(?J)(?<![A-Za-z0-9_-])(?<secret>ATATT3[A-Za-z0-9_=-]{186})|(?i:atlassian|confluence|jira)[A-Za-z0-9_.-]{0,20}['\\\"]?\\s{0,3}[:=]\\s{0,3}['\\\"]?(?<secret>[A-Za-z0-9]{24})(?![A-Za-z0-9])",
	    .allow = NULL,
	    .flags = SECRET_ENTROPY,
	},
	{
	    .rule = &se_mailgun,
	    .trigger = "key-[0-9a-f]{32}",
	    .keywords = "key-",
	    .regex =
		"(?<![A-Za-z0-9-])(?<secret>key-[0-9a-f]{32})(?![A-Za-z0-9])",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_discord,
	    .trigger = "(?i)discord",
	    .keywords = "discord",
	    .regex =
		"(?J)(?<secret>https?://(?:[a-z]+\\.)?discord(?:app)?\\.com/api/webhooks/\\d{17,20}/[A-Za-z0-9_-]{60,68})|(?<![A-Za-z0-9_-])(?<secret>[MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38})(?![A-Za-z0-9_-])",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_telegram,
	    .trigger = "[0-9]{8}:AA[0-9A-Za-z_-]{33}",
	    .keywords = ":aa",
	    .regex =
		"(?<![0-9])(?<secret>[0-9]{8,10}:AA[0-9A-Za-z_-]{33})(?![0-9A-Za-z_-])",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_docker_auth,
	    .trigger =
		"(?i)\"(?:auth|identitytoken)\"\\s*:\\s*\"[A-Za-z0-9+/=_.-]{8}|\\.(?:dockerconfigjson|dockercfg)[\"']?\\s*:\\s*[\"']?e[yw]",
	    .keywords =
		"\"auth\"|\"identitytoken\"|.dockerconfigjson|.dockercfg",
	    .regex =
		"(?J)(?i)\\\"(?:auth|identitytoken)\\\"\\s*:\\s*\\\"(?<secret>[A-Za-z0-9+/=_.-]{8,})\\\"|\\.(?:dockerconfigjson|dockercfg)[\\\"']?\\s*:\\s*[\\\"']?(?<secret>e[yw][A-Za-z0-9+/=]{8,})",
	    .allow = NULL,
	    .flags = SECRET_PLACEHOLDERS,
	},
	{
	    .rule = &se_maven,
	    .trigger = "<(?:password|passphrase|master|privateKeyPassphrase)>",
	    .keywords =
		"<password>|<passphrase>|<master>|<privatekeypassphrase>",
	    .regex =
		"<(?<tag>password|passphrase|master|privateKeyPassphrase)>\\s*(?<secret>[^<\\s](?:[^<]*[^<\\s])?)\\s*</\\k<tag>>",
	    .allow = NULL,
	    .flags = SECRET_PLACEHOLDERS,
	},
	{
	    .rule = &se_generic,
	    .trigger =
		"(?i)(?:passw(?:or)?d|pwd|secret|token|api[_.-]?key|access[_.-]?key|auth[_.-]?key|private[_.-]?key|credentials?)(?:[_.-]?(?:key|id|token|secret|value|str|string|base|b64|base64|hex|raw|plain)){0,2}\\d{0,2}['\\\"]?\\s{0,3}(?::=|=>|[:=])\\s{0,3}[^\\s\\\\]{8}",
	    .keywords =
		"passw|pwd|secret|token|api_key|api-key|api.key|apikey|access_key|accesskey|auth_key|authkey|private_key|privatekey|client_secret|credential",
	    .regex =
		"(?J)(?i)(?:passw(?:or)?d|pwd|secret|token|api[_.-]?key|access[_.-]?key|auth[_.-]?key|private[_.-]?key|credentials?)(?:[_.-]?(?:key|id|token|secret|value|str|string|base|b64|base64|hex|raw|plain)){0,2}\\d{0,2}['\\\"]?\\s{0,3}(?::=|=>|[:=])\\s{0,3}(?:\\\"(?<secret>[^\\s\\\"\\\\]{8,128})\\\"|'(?<secret>[^\\s'\\\\]{8,128})'|`(?<secret>[^\\s`\\\\]{8,128})`|(?<secret>[^\\s'\\\"`;,<>(){}\\[\\]&|\\\\]{8,128}+)(?![^\\s;,&)}\\]'\\\"`|]))",
	    .allow = NULL,
	    .flags = SECRET_GENERIC | SECRET_PLACEHOLDERS,
	},
	{
	    .rule = &se_symfony,
	    .trigger =
		"ThisTokenIsNotSoSecretChangeIt|ThisEzPlatformTokenIsNotSoSecret_PleaseChangeIt",
	    .keywords =
		"thistokenisnotsosecret|thisezplatformtokenisnotsosecret",
	    .regex =
		"(?<secret>ThisTokenIsNotSoSecretChangeIt|ThisEzPlatformTokenIsNotSoSecret_PleaseChangeIt)",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_packagist,
	    .trigger = "packagist_[ou][ru]t_[A-Za-z0-9]{68}",
	    .keywords = "packagist_",
	    .regex =
		"(?<![A-Za-z0-9])(?<secret>packagist_[ou][ru]t_[A-Za-z0-9]{68})(?![A-Za-z0-9])",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_alibaba,
	    .trigger = "LTAI[A-Za-z0-9]{20}",
	    .keywords = "ltai",
	    .regex =
		"(?<![A-Za-z0-9])(?<secret>LTAI[A-Za-z0-9]{20})(?![A-Za-z0-9])",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_vault,
	    .trigger = "hv[sb]\\.[A-Za-z0-9_-]{24}",
	    .keywords = "hvs.|hvb.",
	    .regex =
		"(?<![A-Za-z0-9])(?<secret>hv[sb]\\.[A-Za-z0-9_-]{24,300})(?![A-Za-z0-9_-])",
	    .allow = NULL,
	    .flags = 0,
	},
	{
	    .rule = &se_databricks,
	    .trigger = "dapi[a-f0-9]{32}",
	    .keywords = "dapi",
	    .regex =
		"(?<![A-Za-z0-9])(?<secret>dapi[a-f0-9]{32}(?:-\\d)?)(?![A-Za-z0-9])",
	    .allow = NULL,
	    .flags = 0,
	},
};

const size_t secret_kinds_count =
    sizeof(secret_kinds) / sizeof(secret_kinds[0]);

const struct rule *const secret_rules[] = {
	&se_aws_access_key_id,
	&se_aws_secret_key,
	&se_gcp_service_account,
	&se_gcp_api_key,
	&se_azure_storage_key,
	&se_azure_sas,
	&se_azure_entra_secret,
	&se_azure_devops_pat,
	&se_azure_acr_credential,
	&se_azure_ai_key,
	&se_azure_acr_password,
	&se_azure_app_config,
	&se_github_pat,
	&se_github_oauth,
	&se_github_app,
	&se_github_refresh,
	&se_github_fine_grained,
	&se_gitlab_pat,
	&se_gitlab_other,
	&se_slack_token,
	&se_slack_webhook,
	&se_stripe,
	&se_twilio,
	&se_sendgrid,
	&se_npm_token,
	&se_npmrc_auth,
	&se_pypi,
	&se_dockerhub_pat,
	&se_huggingface,
	&se_openai,
	&se_openai_ek,
	&se_anthropic,
	&se_private_key,
	&se_jwt,
	&se_url_password,
	&se_db_connection,
	&se_grafana_api,
	&se_grafana_cloud,
	&se_shopify,
	&se_atlassian,
	&se_mailgun,
	&se_discord,
	&se_telegram,
	&se_docker_auth,
	&se_maven,
	&se_generic,
	&se_symfony,
	&se_packagist,
	&se_alibaba,
	&se_vault,
	&se_databricks,
	NULL,
};
