"""Machine learning and AI services: Bedrock, Comprehend, Kendra, Lex, Personalize, Polly,
Rekognition, Textract, Transcribe, Translate.

What is listed is what the account built (custom models, indices, bots, collections, vocabularies,
terminologies): the pre-trained APIs themselves hold nothing to move.
"""

from __future__ import annotations

from .base import Collector
from .listing import Listing


def collectors() -> list[Collector]:
    """The ML collectors: one list call per region each."""
    listings = [
        Listing(
            "bedrock",
            "custom-models",
            "list_custom_models",
            "modelSummaries",
            "AWS::Bedrock::CustomModel",  # no CloudFormation type; named in the same scheme
            "bedrock:ListCustomModels",
            "modelName",
            "modelArn",
            ("baseModelArn", "customizationType", "modelStatus"),
            depends=lambda c, i: [i.get("baseModelArn")],
        ),
        Listing(
            "comprehend",
            "endpoints",
            "list_endpoints",
            "EndpointPropertiesList",
            "AWS::Comprehend::Endpoint",  # no CloudFormation type (flywheels have one)
            "comprehend:ListEndpoints",
            "",
            "EndpointArn",
            ("Status", "ModelArn", "CurrentInferenceUnits"),
            depends=lambda c, i: [i.get("ModelArn"), i.get("DataAccessRoleArn")],
        ),
        Listing(
            "kendra",
            "indices",
            "list_indices",
            "IndexConfigurationSummaryItems",
            "AWS::Kendra::Index",
            "kendra:ListIndices",
            "Name",
            lambda c, i: c.arn("kendra", f"index/{i['Id']}"),
            ("Id", "Edition", "Status"),
        ),
        Listing(
            "lexv2-models",
            "bots",
            "list_bots",
            "botSummaries",
            "AWS::Lex::Bot",
            "lex:ListBots",
            "botName",
            lambda c, i: c.arn("lex", f"bot/{i['botId']}"),
            ("botId", "botStatus", "latestBotVersion", "botType"),
        ),
        Listing(
            "personalize",
            "dataset-groups",
            "list_dataset_groups",
            "datasetGroups",
            "AWS::Personalize::DatasetGroup",
            "personalize:ListDatasetGroups",
            "name",
            "datasetGroupArn",
            ("status", "domain"),
        ),
        Listing(
            "polly",
            "lexicons",
            "list_lexicons",
            "Lexicons",
            "AWS::Polly::Lexicon",  # no CloudFormation type; named in the same scheme
            "polly:ListLexicons",
            "Name",
            lambda c, i: c.arn("polly", f"lexicon/{i['Name']}"),
            ("Attributes.LanguageCode", "Attributes.LexemesCount", "Attributes.Size"),
            tags=None,
        ),
        Listing(
            "rekognition",
            "collections",
            "list_collections",
            "CollectionIds",
            "AWS::Rekognition::Collection",
            "rekognition:ListCollections",
            "",
            lambda c, i: c.arn("rekognition", f"collection/{i}"),
        ),
        Listing(
            "textract",
            "adapters",
            "list_adapters",
            "Adapters",
            "AWS::Textract::Adapter",  # no CloudFormation type; named in the same scheme
            "textract:ListAdapters",
            "AdapterName",
            lambda c, i: c.arn("textract", f"/adapters/{i['AdapterId']}"),
            ("AdapterId", "FeatureTypes"),
        ),
        Listing(
            "transcribe",
            "vocabularies",
            "list_vocabularies",
            "Vocabularies",
            "AWS::Transcribe::Vocabulary",  # no CloudFormation type; named in the same scheme
            "transcribe:ListVocabularies",
            "VocabularyName",
            lambda c, i: c.arn("transcribe", f"vocabulary/{i['VocabularyName']}"),
            ("LanguageCode", "VocabularyState"),
        ),
        Listing(
            "translate",
            "terminologies",
            "list_terminologies",
            "TerminologyPropertiesList",
            "AWS::Translate::Terminology",  # no CloudFormation type; named in the same scheme
            "translate:ListTerminologies",
            "Name",
            "Arn",
            ("SourceLanguageCode", "TargetLanguageCodes", "TermCount", "SizeBytes"),
        ),
    ]
    return [spec.collector() for spec in listings]
